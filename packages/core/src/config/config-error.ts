export interface ConfigIssue {
  /** Dotted path of the bad field, e.g. `header.title` or `footer.links.0.href`. */
  readonly path: string;
  /** What was expected there, in words. */
  readonly message: string;
}

/** The one error a bad config throws; its message lists every bad field by path. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  readonly issues: readonly ConfigIssue[];

  constructor(issues: readonly ConfigIssue[]) {
    const lines = issues.map((issue) => `  - ${issue.path || '(root)'}: ${issue.message}`);
    super(
      `Invalid ChatWidgetPro config (${issues.length} problem${issues.length === 1 ? '' : 's'}):\n${lines.join('\n')}`,
    );
    this.issues = issues;
  }
}
