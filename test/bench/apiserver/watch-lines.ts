/** What the benchmark needs of one watch event line: its type and the name it is about. */
export interface WatchLine {
  type: string;
  /** The first `"name":"…"` in the line that matches the reader's pattern, if any. */
  name: string | undefined;
}

const typePattern = /"type":"([A-Z]+)"/;

/**
 * Splits the chunks of one chunked watch stream into event lines and reports
 * each line's type and object name. It scans with regular expressions rather
 * than parsing the JSON: with a thousand watchers in one process, parsing
 * every copy of every event would cost the client more than the server's
 * fan-out it is timing. `namePattern` needs one capture group.
 */
export function watchLineReader(namePattern: RegExp, onLine: (line: WatchLine) => void): (chunk: string) => void {
  let partial = "";
  return (chunk) => {
    let text = partial + chunk;
    let newline: number;
    while ((newline = text.indexOf("\n")) >= 0) {
      const line = text.slice(0, newline);
      text = text.slice(newline + 1);
      if (line.trim() === "") continue;
      onLine({ type: typePattern.exec(line)?.[1] ?? "", name: namePattern.exec(line)?.[1] });
    }
    partial = text;
  };
}
