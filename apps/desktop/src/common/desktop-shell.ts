/**
 * What only the machine the host runs on can do for the user: its own folder picker and file
 * manager. The app implements both with Electron; `kirinuki serve` can open a file manager but
 * shows no dialog. A missing member is a capability the host does not have.
 */
export interface DesktopShell {
  /** The OS folder picker; null when the user cancels. */
  chooseFolder?: (options: { title: string; defaultPath?: string | undefined }) => Promise<string | null>;
  /** Opens the OS file manager with the file selected (or its folder, where it cannot select). */
  revealFile?: (file: string) => Promise<void>;
  /** Opens a web address in the user's browser (a platform's sign-in page); false when it could not. */
  openUrl?: (url: string) => Promise<boolean>;
}
