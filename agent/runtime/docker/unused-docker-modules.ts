import { createRequire, Module } from "node:module";

/**
 * dockerode loads two things at start that the agent never uses: ssh2, for
 * `ssh://` engine addresses (its WebAssembly poly1305 alone reserves 16 MB),
 * and gRPC with protobuf, for BuildKit image builds. Together they were a
 * quarter of an idle agent's memory. Called before dockerode is first
 * loaded, this files stand-ins under their module paths that throw a clear
 * error if they are ever used. Harmless when dockerode is already loaded
 * (it then has the real modules).
 */
export function skipUnusedDockerModules(): void {
  const require = createRequire(import.meta.url);
  const dockerode = require.resolve("dockerode");
  const modem = createRequire(dockerode).resolve("docker-modem");
  standIn(createRequire(modem).resolve("./ssh"), "an ssh:// Docker host (use unix:// or tcp://)");
  standIn(createRequire(dockerode).resolve("./session"), "BuildKit image builds");
}

function standIn(path: string, what: string): void {
  const cache = createRequire(path).cache;
  if (cache[path] !== undefined) return;
  const module = new Module(path);
  module.filename = path;
  module.loaded = true;
  module.exports = () => {
    throw new Error(`the skiff agent does not support ${what}`);
  };
  cache[path] = module;
}
