/**
 * Every container logs to json-file, whatever the daemon's default driver,
 * so its log can be read back (kubectl logs), rotated as the kubelet's
 * defaults do (containerLogMaxSize 10Mi, containerLogMaxFiles 5).
 */
export const LOG_CONFIG = { Type: "json-file", Config: { "max-size": "10m", "max-file": "5" } };
