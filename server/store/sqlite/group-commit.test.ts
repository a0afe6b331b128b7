import { describe, expect, it } from "vitest";
import { GroupCommitter } from "./group-commit.js";

/** A fake transaction log: every commit records the writes it carried. */
function recorder(fail = false) {
  const commits: string[][] = [];
  const committer = new GroupCommitter<string[]>((applyAll) => {
    const batch: string[] = [];
    applyAll(batch);
    if (fail) throw new Error("disk full");
    commits.push(batch);
  });
  return { commits, committer };
}

describe("GroupCommitter", () => {
  it("commits writes submitted in the same turn as one batch, in order, each with its own result", async () => {
    const { commits, committer } = recorder();
    const results = await Promise.all(
      Array.from({ length: 16 }, (_, i) =>
        committer.submit((batch) => {
          batch.push(`w${i}`);
          return batch.length;
        }),
      ),
    );
    expect(commits).toEqual([Array.from({ length: 16 }, (_, i) => `w${i}`)]);
    expect(results).toEqual(Array.from({ length: 16 }, (_, i) => i + 1));
  });

  it("commits sequential writes one batch each", async () => {
    const { commits, committer } = recorder();
    for (let i = 0; i < 3; i++) await committer.submit((batch) => batch.push(`w${i}`));
    expect(commits).toEqual([["w0"], ["w1"], ["w2"]]);
  });

  it("settles a caller only after its batch committed", async () => {
    const events: string[] = [];
    const committer = new GroupCommitter<void>((applyAll) => {
      applyAll();
      events.push("committed");
    });
    const write = committer.submit(() => events.push("applied")).then(() => events.push("acknowledged"));
    await write;
    expect(events).toEqual(["applied", "committed", "acknowledged"]);
  });

  it("keeps writers that arrive during a commit for the next batch", async () => {
    const commits: string[][] = [];
    let late: Promise<void> | undefined;
    const committer: GroupCommitter<string[]> = new GroupCommitter<string[]>((applyAll) => {
      const batch: string[] = [];
      applyAll(batch);
      if (late === undefined) late = committer.submit((b) => void b.push("late"));
      commits.push(batch);
    });
    await committer.submit((b) => void b.push("first"));
    await late;
    expect(commits).toEqual([["first"], ["late"]]);
  });

  it("rejects every write of a batch whose commit failed", async () => {
    const { commits, committer } = recorder(true);
    const results = await Promise.allSettled([committer.submit((b) => b.push("a")), committer.submit((b) => b.push("b"))]);
    expect(results.map((r) => r.status)).toEqual(["rejected", "rejected"]);
    expect(commits).toEqual([]);
  });

  it("flushes on demand", async () => {
    const { commits, committer } = recorder();
    const write = committer.submit((b) => b.push("now"));
    committer.flush();
    expect(commits).toEqual([["now"]]);
    await write;
  });
});
