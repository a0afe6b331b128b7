/**
 * One part of the agent (the node, the kubelet, the tunnel, the proxy):
 * `start` resolves once the part is running (its loops go on in the
 * background); `stop` ends its loops and resolves once they have ended.
 */
export interface AgentPart {
  readonly name: string;
  start(): Promise<void>;
  stop(): Promise<void>;
}
