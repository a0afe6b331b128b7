import { z } from "zod";
import { int32, int64, intOrString } from "../../schema/primitives.js";

export const execActionSchema = z.object({
  command: z.array(z.string()).optional(),
});
export type ExecAction = z.infer<typeof execActionSchema>;

export const httpHeaderSchema = z.object({
  name: z.string().default(""),
  value: z.string().default(""),
});
export type HTTPHeader = z.infer<typeof httpHeaderSchema>;

export const httpGetActionSchema = z.object({
  path: z.string().optional(),
  port: intOrString.default(0),
  host: z.string().optional(),
  scheme: z.string().optional(),
  httpHeaders: z.array(httpHeaderSchema).optional(),
});
export type HTTPGetAction = z.infer<typeof httpGetActionSchema>;

export const tcpSocketActionSchema = z.object({
  port: intOrString.default(0),
  host: z.string().optional(),
});
export type TCPSocketAction = z.infer<typeof tcpSocketActionSchema>;

export const grpcActionSchema = z.object({
  port: int32.default(0),
  service: z.string().optional(),
});
export type GRPCAction = z.infer<typeof grpcActionSchema>;

/** How a probe checks a container: exactly one of exec, httpGet, tcpSocket, grpc. */
export const probeSchema = z.object({
  exec: execActionSchema.optional(),
  httpGet: httpGetActionSchema.optional(),
  tcpSocket: tcpSocketActionSchema.optional(),
  grpc: grpcActionSchema.optional(),
  initialDelaySeconds: int32.optional(),
  timeoutSeconds: int32.optional(),
  periodSeconds: int32.optional(),
  successThreshold: int32.optional(),
  failureThreshold: int32.optional(),
  terminationGracePeriodSeconds: int64.optional(),
});
export type Probe = z.infer<typeof probeSchema>;

export const sleepActionSchema = z.object({
  seconds: int64.default(0),
});

/** What runs after a container starts or before it stops: exactly one of exec, httpGet, tcpSocket, sleep. */
export const lifecycleHandlerSchema = z.object({
  exec: execActionSchema.optional(),
  httpGet: httpGetActionSchema.optional(),
  tcpSocket: tcpSocketActionSchema.optional(),
  sleep: sleepActionSchema.optional(),
});
export type LifecycleHandler = z.infer<typeof lifecycleHandlerSchema>;

export const lifecycleSchema = z.object({
  postStart: lifecycleHandlerSchema.optional(),
  preStop: lifecycleHandlerSchema.optional(),
  stopSignal: z.string().optional(),
});
export type Lifecycle = z.infer<typeof lifecycleSchema>;
