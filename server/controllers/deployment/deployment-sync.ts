import type { ObjectReference } from "../../../src/api/core/v1/object-reference.js";
import type { EventRecorder } from "../../../src/client/events/event-recorder.js";
import type { ResourceRef } from "../../../src/client/rest/paths.js";
import { isConflict, isNotFound, type RestClient } from "../../../src/client/rest/rest-client.js";
import { equalIgnoreHash } from "../../../src/cli/rollout/template-equality.js";
import type { ReplicaSetObject } from "../replicaset/replica-set-status.js";
import { replicaSetsRef } from "../replicaset/replicaset-controller.js";
import { controllerRefOf, controllerRefTo } from "../workload/controller-ref.js";
import {
  calculateStatus,
  conditionOf,
  deploymentComplete,
  hasProgressDeadline,
  newCondition,
  reasons,
  rolloutStatus,
  setCondition,
  statusChanged,
} from "./deployment-status.js";
import { desiredReplicas, maxSurge, newReplicaSetSize, type DeploymentObject } from "./fenceposts.js";
import { podTemplateHash } from "../workload/template-hash.js";
import { podTemplateHashLabel } from "./pod-template-hash.js";
import {
  desiredReplicasAnnotation,
  intAnnotation,
  maxRevision,
  replicasAnnotationsNeedUpdate,
  revisionAnnotation,
  setDeploymentRevision,
  setNewReplicaSetAnnotations,
  setReplicasAnnotations,
} from "./replica-set-annotations.js";
import { activeOf, byRevision, findActiveOrLatest, findNewReplicaSet, isSaturated, proportionalSizes } from "./replica-set-sets.js";

export const deploymentsRef: ResourceRef = { group: "apps", version: "v1", resource: "deployments", namespaced: true };
export const deploymentKind = { apiVersion: "apps/v1", kind: "Deployment" };
const fieldManager = "deployment-controller";

export interface DeploymentSyncDeps {
  client: RestClient;
  recorder: EventRecorder;
  nowMs: () => number;
  /** Syncs the Deployment again in `ms` (a progress deadline to check). */
  requeueAfter: (ms: number) => void;
}

/**
 * One sync of one Deployment, as Kubernetes' deployment controller's
 * helpers: `d` and the ReplicaSets are private copies that follow every
 * write, so later steps of the same sync see what earlier ones did. A write
 * that loses a race (409) fails the sync, and the key is retried.
 */
export class DeploymentSync {
  constructor(
    private readonly deps: DeploymentSyncDeps,
    public d: DeploymentObject,
    public readonly replicaSets: ReplicaSetObject[],
  ) {}

  private get namespace(): string {
    return this.d.metadata?.namespace ?? "default";
  }

  /** The Deployment as its Events name it. */
  reference(): ObjectReference {
    const { name, uid } = this.d.metadata ?? {};
    return { ...deploymentKind, namespace: this.namespace, name: name ?? "", uid: String(uid ?? "") };
  }

  /**
   * Kubernetes' getAllReplicaSetsAndSyncRevision: the new ReplicaSet (made
   * when `create` and none runs the template) and the old ones; the new one
   * gets the next revision and the Deployment the new one's.
   */
  async newAndOld(create: boolean): Promise<{ newRS: ReplicaSetObject | undefined; oldRSs: ReplicaSetObject[] }> {
    const existing = findNewReplicaSet(this.d, this.replicaSets);
    const oldRSs = this.replicaSets.filter((rs) => rs !== existing);
    const newRevision = maxRevision(oldRSs) + 1;
    if (existing !== undefined) return { newRS: await this.syncExistingNew(existing, newRevision), oldRSs };
    if (!create) return { newRS: undefined, oldRSs };
    return { newRS: await this.createNew(oldRSs, newRevision), oldRSs };
  }

  private async syncExistingNew(rs: ReplicaSetObject, newRevision: number): Promise<ReplicaSetObject> {
    const copy = structuredClone(rs);
    const annotationsChanged = setNewReplicaSetAnnotations(this.d, copy, newRevision, true, desiredReplicas(this.d), desiredReplicas(this.d) + maxSurge(this.d));
    const minReadySeconds = this.d.spec.minReadySeconds ?? 0;
    if (annotationsChanged || (copy.spec.minReadySeconds ?? 0) !== minReadySeconds) {
      copy.spec.minReadySeconds = minReadySeconds;
      await this.updateReplicaSet(rs, copy);
      return rs;
    }
    const revisionChanged = setDeploymentRevision(this.d, String((copy.metadata?.annotations as Record<string, string> | undefined)?.[revisionAnnotation] ?? ""));
    let statusChanged = false;
    if (hasProgressDeadline(this.d) && conditionOf(this.d.status, "Progressing") === undefined) {
      const status = (this.d.status ??= {});
      setCondition(status, newCondition("Progressing", "True", reasons.foundNewReplicaSet, `Found new replica set "${rs.metadata?.name ?? ""}"`, this.deps.nowMs()));
      statusChanged = true;
    }
    if (revisionChanged) await this.writeDeployment(true);
    else if (statusChanged) await this.writeStatus();
    return rs;
  }

  private async createNew(oldRSs: ReplicaSetObject[], newRevision: number): Promise<ReplicaSetObject | undefined> {
    const d = this.d;
    const hash = podTemplateHash(d.spec.template, d.status?.collisionCount);
    const template = structuredClone(d.spec.template);
    const labels = { ...template.metadata?.labels, [podTemplateHashLabel]: hash };
    template.metadata = { ...template.metadata, labels };
    const selector = structuredClone(d.spec.selector ?? {});
    selector.matchLabels = { ...selector.matchLabels, [podTemplateHashLabel]: hash };
    const name = `${d.metadata?.name ?? ""}-${hash}`;
    const rs: ReplicaSetObject = {
      apiVersion: "apps/v1",
      kind: "ReplicaSet",
      metadata: { name, namespace: this.namespace, labels, ownerReferences: [controllerRefTo(d, deploymentKind)] },
      spec: { replicas: 0, minReadySeconds: d.spec.minReadySeconds ?? 0, selector, template },
    };
    const size = newReplicaSetSize(d, [...oldRSs, rs], rs);
    rs.spec.replicas = size;
    setNewReplicaSetAnnotations(d, rs, newRevision, false, desiredReplicas(d), desiredReplicas(d) + maxSurge(d));
    let created: ReplicaSetObject;
    try {
      created = await this.deps.client.create<ReplicaSetObject>(replicaSetsRef, this.namespace, rs, { fieldManager });
    } catch (error) {
      if (isConflict(error)) return this.onNameTaken(rs);
      const message = `Failed to create new replica set "${name}": ${error instanceof Error ? error.message : String(error)}`;
      if (hasProgressDeadline(d)) {
        setCondition((d.status ??= {}), newCondition("Progressing", "False", reasons.failedReplicaSetCreate, message, this.deps.nowMs()));
        await this.writeStatus();
      }
      this.deps.recorder.event(this.reference(), "Warning", reasons.failedReplicaSetCreate, message);
      throw error;
    }
    this.replicaSets.push(created);
    if (size > 0) this.deps.recorder.event(this.reference(), "Normal", "ScalingReplicaSet", `Scaled up replica set ${name} from 0 to ${size}`);
    const revisionChanged = setDeploymentRevision(d, String(newRevision));
    if (hasProgressDeadline(d)) {
      setCondition((d.status ??= {}), newCondition("Progressing", "True", reasons.newReplicaSetCreated, `Created new replica set "${name}"`, this.deps.nowMs()));
      await this.writeDeployment(revisionChanged);
    } else if (revisionChanged) await this.writeDeployment(true);
    return created;
  }

  // The name is taken (409 AlreadyExists): by our own ReplicaSet of this template (a lagging cache), or a hash collision.
  private async onNameTaken(rs: ReplicaSetObject): Promise<never> {
    const name = rs.metadata?.name ?? "";
    const taken = await this.deps.client.get<ReplicaSetObject>(replicaSetsRef, this.namespace, name).catch(() => undefined);
    const ours = taken !== undefined && controllerRefOf(taken)?.uid === this.d.metadata?.uid;
    if (!(ours && equalIgnoreHash(taken.spec.template as unknown as Record<string, unknown>, this.d.spec.template as unknown as Record<string, unknown>))) {
      const status = (this.d.status ??= {});
      status.collisionCount = (status.collisionCount ?? 0) + 1;
      await this.writeStatus();
    }
    throw new Error(`replica set ${this.namespace}/${name} already exists; the deployment is synced again`);
  }

  /**
   * Kubernetes' scale: sizes the ReplicaSets to the desired count outside a
   * rollout (one active set takes it all; a saturated new set empties the
   * old ones) and proportionally during a rolling one.
   */
  async scale(newRS: ReplicaSetObject | undefined, oldRSs: ReplicaSetObject[]): Promise<void> {
    const desired = desiredReplicas(this.d);
    const single = findActiveOrLatest(newRS, oldRSs);
    if (single !== undefined) {
      if ((single.spec.replicas ?? 0) !== desired) await this.scaleReplicaSet(single, desired);
      return;
    }
    if (isSaturated(this.d, newRS)) {
      for (const old of activeOf(oldRSs)) await this.scaleReplicaSet(old, 0);
      return;
    }
    if ((this.d.spec.strategy?.type ?? "RollingUpdate") !== "RollingUpdate") return;
    for (const { rs, size } of proportionalSizes(this.d, activeOf([...oldRSs, newRS]))) await this.scaleReplicaSet(rs, size, true);
  }

  /**
   * Kubernetes' scaleReplicaSet(AndRecordEvent): sets spec.replicas and the
   * replicas annotations; a change of size is a ScalingReplicaSet Event.
   * `always` also refreshes the annotations when the size stays.
   * @returns true when the size changed.
   */
  async scaleReplicaSet(rs: ReplicaSetObject, size: number, always = false): Promise<boolean> {
    const from = rs.spec.replicas ?? 0;
    if (from === size && !always) return false;
    const desired = desiredReplicas(this.d);
    const maxTotal = desired + maxSurge(this.d);
    if (from === size && !replicasAnnotationsNeedUpdate(rs, desired, maxTotal)) return false;
    const copy = structuredClone(rs);
    copy.spec.replicas = size;
    setReplicasAnnotations(copy, desired, maxTotal);
    await this.updateReplicaSet(rs, copy);
    if (from === size) return false;
    const direction = size > from ? "up" : "down";
    this.deps.recorder.event(this.reference(), "Normal", "ScalingReplicaSet", `Scaled ${direction} replica set ${rs.metadata?.name ?? ""} from ${from} to ${size}`);
    return true;
  }

  private async updateReplicaSet(rs: ReplicaSetObject, copy: ReplicaSetObject): Promise<void> {
    const updated = await this.deps.client.update<ReplicaSetObject>(replicaSetsRef, this.namespace, copy, { fieldManager });
    Object.assign(rs, updated);
  }

  /** Kubernetes' cleanupDeployment: deletes the oldest idle old ReplicaSets beyond revisionHistoryLimit. */
  async cleanup(oldRSs: readonly ReplicaSetObject[]): Promise<void> {
    const limit = this.d.spec.revisionHistoryLimit;
    if (limit === undefined) return;
    const cleanable = oldRSs.filter((rs) => rs.metadata?.deletionTimestamp === undefined).sort(byRevision);
    for (const rs of cleanable.slice(0, Math.max(0, cleanable.length - limit))) {
      const busy = (rs.status?.replicas ?? 0) !== 0 || (rs.spec.replicas ?? 0) !== 0;
      if (busy || Number(rs.metadata?.generation ?? 0) > (rs.status?.observedGeneration ?? 0)) continue;
      try {
        await this.deps.client.delete(replicaSetsRef, this.namespace, rs.metadata?.name ?? "", { preconditions: { uid: String(rs.metadata?.uid ?? "") } });
      } catch (error) {
        if (!isNotFound(error)) throw error;
      }
    }
  }

  /** Kubernetes' syncDeploymentStatus: the counts and Available, without judging progress. */
  async syncStatus(all: readonly ReplicaSetObject[], newRS: ReplicaSetObject | undefined): Promise<void> {
    const status = calculateStatus(all, newRS, this.d, this.deps.nowMs());
    if (!statusChanged(this.d.status, status)) return;
    this.d.status = status;
    await this.writeStatus();
  }

  /** Kubernetes' syncRolloutStatus: the counts and the Progressing condition; a rollout still under way is checked again at its deadline. */
  async syncRolloutStatus(all: readonly ReplicaSetObject[], newRS: ReplicaSetObject | undefined): Promise<void> {
    const nowMs = this.deps.nowMs();
    const status = rolloutStatus(all, newRS, this.d, nowMs);
    if (statusChanged(this.d.status, status)) {
      this.d.status = status;
      await this.writeStatus();
      return;
    }
    const current = conditionOf(this.d.status, "Progressing");
    if (!hasProgressDeadline(this.d) || current === undefined || deploymentComplete(this.d, status)) return;
    if (current.reason === reasons.progressDeadlineExceeded) return;
    const deadline = Date.parse(current.lastUpdateTime ?? "") + (this.d.spec.progressDeadlineSeconds ?? 0) * 1000;
    if (!Number.isNaN(deadline)) this.deps.requeueAfter(Math.max(0, deadline - nowMs) + 1000);
  }

  /** Kubernetes' isScalingEvent: some active ReplicaSet was sized for another desired count. */
  isScalingEvent(all: readonly ReplicaSetObject[]): boolean {
    const desired = String(desiredReplicas(this.d));
    return activeOf(all).some((rs) => {
      const annotated = intAnnotation(rs, desiredReplicasAnnotation);
      return annotated !== undefined && String(annotated) !== desired;
    });
  }

  /** Kubernetes' checkPausedConditions: Progressing Unknown DeploymentPaused / DeploymentResumed. */
  async checkPausedConditions(): Promise<void> {
    if (!hasProgressDeadline(this.d)) return;
    const current = conditionOf(this.d.status, "Progressing");
    if (current?.reason === reasons.progressDeadlineExceeded) return;
    const pausedShown = current?.reason === reasons.paused;
    const paused = this.d.spec.paused === true;
    if (paused === pausedShown) return;
    const condition = paused
      ? newCondition("Progressing", "Unknown", reasons.paused, "Deployment is paused", this.deps.nowMs())
      : newCondition("Progressing", "Unknown", reasons.resumed, "Deployment is resumed", this.deps.nowMs());
    setCondition((this.d.status ??= {}), condition);
    await this.writeStatus();
  }

  // The revision annotation lives in metadata, the conditions in status: two writes, as Kubernetes' Update plus UpdateStatus.
  private async writeDeployment(revisionChanged: boolean): Promise<void> {
    const status = this.d.status;
    if (revisionChanged) {
      const revision = (this.d.metadata?.annotations as Record<string, string> | undefined)?.["deployment.kubernetes.io/revision"];
      const patch = { metadata: { resourceVersion: this.d.metadata?.resourceVersion, annotations: { "deployment.kubernetes.io/revision": revision } } };
      const updated = await this.deps.client.patch<DeploymentObject>(deploymentsRef, this.namespace, this.d.metadata?.name ?? "", "merge", patch, { fieldManager });
      this.d = { ...updated, ...(status !== undefined ? { status } : {}) };
    }
    await this.writeStatus();
  }

  private async writeStatus(): Promise<void> {
    this.d = await this.deps.client.update<DeploymentObject>(deploymentsRef, this.namespace, this.d, { subresource: "status", fieldManager });
  }

  /** Kubernetes' DeploymentComplete on the status this sync would write. */
  complete(all: readonly ReplicaSetObject[], newRS: ReplicaSetObject | undefined): boolean {
    return deploymentComplete(this.d, calculateStatus(all, newRS, this.d, this.deps.nowMs()));
  }
}
