// A file's path that may wrap: at its slashes first, mid-name only where a name is wider than the line.
import { Fragment } from "react";

/** `path` with a line-break opportunity after each "/" (a narrow card broke "/usr/sbin/s" "shd"). */
export function PathText({ path }: { path: string }) {
  const parts = path.split(/(?<=\/)/);
  return (
    <>
      {parts.map((part, i) => (
        <Fragment key={i}>
          {i > 0 && <wbr />}
          {part}
        </Fragment>
      ))}
    </>
  );
}
