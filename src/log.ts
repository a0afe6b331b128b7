import { pino, type Logger } from "pino";

export type { Logger };

/**
 * The process-wide root logger. Components take a child with their name
 * (`log.child({ component: "store" })`) so every line says where it came from.
 * SKIFF_LOG_LEVEL sets the level (default info; tests use silent).
 */
export function createLogger(level: string = process.env.SKIFF_LOG_LEVEL ?? "info"): Logger {
  return pino({ level, base: undefined });
}
