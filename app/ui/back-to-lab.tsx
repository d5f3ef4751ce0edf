// The way from the about page (or its failure) back to the lab: a link that works as a link, and in place with a plain click.
import { focusLab } from "./busy-focus";
import { backToLab, labUrl } from "./route";

export function BackToLabLink() {
  return (
    <a
      className="link"
      href={labUrl(window.location)}
      onClick={(event) => {
        // A plain click only: a new tab or window opens the lab as the link says.
        if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
        event.preventDefault();
        backToLab();
        // The about page gives the keyboard back as it goes; a failed one (an error in its place) cannot.
        requestAnimationFrame(() => {
          if (document.activeElement === document.body) focusLab();
        });
      }}
    >
      ← Back to the lab
    </a>
  );
}
