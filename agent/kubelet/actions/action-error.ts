/**
 * An action (exec, httpGet, tcpSocket) that could not be tried at all: a
 * port name the container does not declare, no address to reach, an engine
 * that refused the exec. Unlike a failed check this says nothing about the
 * container's health; the kubelet reports it as "errored" and drops the
 * result. The message is the kubelet's text, e.g.
 * `strconv.Atoi: parsing "http": invalid syntax`.
 */
export class ActionError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "ActionError";
  }
}
