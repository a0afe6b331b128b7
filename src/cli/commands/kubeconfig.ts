import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import { KubeconfigError } from "../../kubeconfig/errors.js";
import { parseKubeconfig } from "../../kubeconfig/parse.js";
import { renderKubeconfig } from "../../kubeconfig/render.js";
import { parseFlags } from "../flags.js";
import { processIo, type CommandIo } from "../output/command-io.js";

export const kubeconfigUsage = `usage: skiff kubeconfig [--data-dir DIR] [--server URL]

Prints the admin kubeconfig the server wrote on this host, for kubectl or
skiff on this machine or, with --server, on another one:

  skiff kubeconfig --server https://pi-1.lan:6443 > ~/.kube/config

flags:
  --data-dir DIR          the server's data dir (default /var/lib/skiff)
  --server URL            the address other machines reach the server at (it must be in the
                          serving certificate: the host's names and IPs, or a --tls-san of the server)
`;

const flagsSchema = z.object({
  "data-dir": z.string().min(1).default("/var/lib/skiff"),
  server: z
    .url({ protocol: /^https$/, message: "must be an https:// URL, e.g. https://10.0.0.5:6443" })
    .optional(),
});

/** `skiff kubeconfig`: the file as written, or with every cluster's server replaced. */
export async function runKubeconfig(argv: string[], io: CommandIo = processIo): Promise<number> {
  const { flags } = parseFlags(argv, { "data-dir": { type: "string" }, server: { type: "string" } }, flagsSchema);
  const path = join(flags["data-dir"], "admin.kubeconfig");
  const text = await readAdminKubeconfig(path);
  if (flags.server === undefined) {
    io.stdout.write(text);
    return 0;
  }
  const config = parseKubeconfig(text, path);
  const server = flags.server.replace(/\/+$/, "");
  io.stdout.write(renderKubeconfig({ ...config, clusters: config.clusters.map(({ name, cluster }) => ({ name, cluster: { ...cluster, server } })) }));
  return 0;
}

async function readAdminKubeconfig(path: string): Promise<string> {
  try {
    return await readFile(path, "utf8");
  } catch (error) {
    const code = error instanceof Error && "code" in error ? String(error.code) : String(error);
    if (code === "ENOENT") throw new KubeconfigError(path, "does not exist: has `skiff server` run with this --data-dir on this host?");
    if (code === "EACCES") throw new KubeconfigError(path, "cannot be read: it is the admin credential, readable by root only (use sudo)");
    throw new KubeconfigError(path, `cannot be read (${code})`);
  }
}
