/**
 * A path to a field, printed the way Kubernetes prints it in Status causes:
 * `spec.template.spec.containers[0].image`, `metadata.labels[app]`.
 *
 * @example
 * const p = root("spec").child("containers").index(0).child("image");
 * p.toString(); // "spec.containers[0].image"
 */
export class FieldPath {
  private constructor(
    private readonly parent: FieldPath | undefined,
    private readonly segment: string,
  ) {}

  static root(name: string): FieldPath {
    return new FieldPath(undefined, name);
  }

  /** A named sub-field: `.name`. */
  child(name: string): FieldPath {
    return new FieldPath(this, `.${name}`);
  }

  /** A list element: `[i]`. */
  index(i: number): FieldPath {
    return new FieldPath(this, `[${i}]`);
  }

  /** A map entry: `[key]`. */
  key(key: string): FieldPath {
    return new FieldPath(this, `[${key}]`);
  }

  toString(): string {
    return (this.parent ? this.parent.toString() : "") + this.segment;
  }
}

export const root = (name: string): FieldPath => FieldPath.root(name);
