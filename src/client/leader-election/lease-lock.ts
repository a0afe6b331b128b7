import type { Lease, LeaseSpec } from "../../api/coordination/v1/lease.js";
import type { ResourceRef } from "../rest/paths.js";
import { isNotFound, type ApiObject, type RestClient } from "../rest/rest-client.js";

const leasesRef: ResourceRef = { group: "coordination.k8s.io", version: "v1", resource: "leases", namespaced: true };

/** Who holds the lock and until when (client-go's LeaderElectionRecord). Times in ms since the epoch. */
export interface LeaderElectionRecord {
  holderIdentity: string;
  leaseDurationSeconds: number;
  acquireTimeMs: number;
  renewTimeMs: number;
  leaseTransitions: number;
}

/** The record as stored, with the version a compare-and-swap update names. */
export interface ObservedRecord {
  record: LeaderElectionRecord;
  version: string;
}

/**
 * Where the election's record lives. Writes are compare-and-swap: `create`
 * fails when the record exists and `update` when `version` is no longer
 * current (both throw).
 */
export interface ResourceLock {
  /** The current record; undefined when there is none yet. */
  get(): Promise<ObservedRecord | undefined>;
  /** Resolves to the new record's version. */
  create(record: LeaderElectionRecord): Promise<string>;
  /** Resolves to the new record's version. */
  update(record: LeaderElectionRecord, version: string): Promise<string>;
  /** Names the lock in logs, e.g. `kube-system/skiff-controller-manager`. */
  describe(): string;
}

type LeaseObject = Lease & ApiObject;

/** MicroTime as Kubernetes writes it: RFC 3339 with six fractional digits. */
function microTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, ".$1000Z");
}

function parseTime(value: string | undefined): number {
  const ms = value === undefined ? Number.NaN : Date.parse(value);
  return Number.isNaN(ms) ? 0 : ms;
}

function specOf(record: LeaderElectionRecord): LeaseSpec {
  return {
    holderIdentity: record.holderIdentity,
    leaseDurationSeconds: record.leaseDurationSeconds,
    acquireTime: microTime(record.acquireTimeMs),
    renewTime: microTime(record.renewTimeMs),
    leaseTransitions: record.leaseTransitions,
  };
}

/** client-go's LeaseLock: the record is the spec of a coordination.k8s.io/v1 Lease. */
export class LeaseLock implements ResourceLock {
  constructor(
    private readonly client: Pick<RestClient, "get" | "create" | "update">,
    private readonly namespace: string,
    private readonly name: string,
  ) {}

  async get(): Promise<ObservedRecord | undefined> {
    let lease: LeaseObject;
    try {
      lease = await this.client.get<LeaseObject>(leasesRef, this.namespace, this.name);
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
    const spec = lease.spec ?? {};
    return {
      version: lease.metadata?.resourceVersion ?? "",
      record: {
        holderIdentity: spec.holderIdentity ?? "",
        leaseDurationSeconds: spec.leaseDurationSeconds ?? 0,
        acquireTimeMs: parseTime(spec.acquireTime),
        renewTimeMs: parseTime(spec.renewTime),
        leaseTransitions: spec.leaseTransitions ?? 0,
      },
    };
  }

  async create(record: LeaderElectionRecord): Promise<string> {
    const lease: LeaseObject = { apiVersion: "coordination.k8s.io/v1", kind: "Lease", metadata: { name: this.name, namespace: this.namespace }, spec: specOf(record) };
    const created = await this.client.create<LeaseObject>(leasesRef, this.namespace, lease);
    return created.metadata?.resourceVersion ?? "";
  }

  async update(record: LeaderElectionRecord, version: string): Promise<string> {
    const lease: LeaseObject = {
      apiVersion: "coordination.k8s.io/v1",
      kind: "Lease",
      metadata: { name: this.name, namespace: this.namespace, resourceVersion: version },
      spec: specOf(record),
    };
    const updated = await this.client.update<LeaseObject>(leasesRef, this.namespace, lease);
    return updated.metadata?.resourceVersion ?? "";
  }

  describe(): string {
    return `${this.namespace}/${this.name}`;
  }
}
