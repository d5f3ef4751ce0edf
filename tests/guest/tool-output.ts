// Reading the learner's tools' output in guest tests: at a given terminal width, by line, as one line.
import type { TestGuest } from "./guest-vm";

/** Runs `command` with the terminal `cols` wide, then puts back the harness's width (bootTestGuest's). */
export async function atWidth(guest: TestGuest, cols: number, command: string): Promise<string> {
  const { output } = await guest.run(`stty cols ${cols}; ${command}; stty cols 400`);
  await guest.run("setexe --kill >/dev/null");
  return output;
}

export const lines = (text: string) => text.split("\n").filter((l) => l !== "");
/** The text as one line: the tools wrap their messages to the terminal's width. */
export const flat = (text: string) => text.replace(/\s+/g, " ");
