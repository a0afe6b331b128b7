import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { RestClient } from "../../src/client/rest/rest-client.js";
import { bundleSkiffCli } from "./apiserver/server-bundle.js";
import { startServerProcess } from "./apiserver/server-process.js";
import { fillPods } from "./apiserver/fill-pods.js";

const cli = await bundleSkiffCli();
const dir = await mkdtemp(join(tmpdir(), "mem-"));
const flags = (process.env.FLAGS ?? "").split(/\s+/).filter((f) => f !== "");
const server = await startServerProcess(cli, dir, { engine: "sqlite" }, ["--require", "/tmp/mem/memlog.cjs", ...flags]);
const mb = async () => ((await server.memory()).rssBytes / 1e6).toFixed(1);
console.log("idle", await mb());
const clients = Array.from({ length: 16 }, () => new RestClient(server.access));
const cpu = async () => { const f = (await import("node:fs/promises")).readFile; const st = (await f(`/proc/${server.pid}/stat`, "utf8")).split(") ")[1]!.split(" "); return (Number(st[11]) + Number(st[12])) / 100; };
const c0 = await cpu();
const filled = await fillPods(clients, "default", "p", 10_000);
console.log("server cpu ms/create", ((await cpu() - c0) * 1000 / 10000).toFixed(2));
console.log("filled at", filled.perSecond.toFixed(0), "/s", await mb());
if (process.env.SNAP !== undefined) { process.kill(server.pid, "SIGUSR2"); await new Promise((r) => setTimeout(r, 20000)); }
for (let i = 0; i < 2; i++) { await new Promise((r) => setTimeout(r, 3000)); console.log("t+", (i + 1) * 3, await mb()); }
await server.stop();
process.exit(0);
