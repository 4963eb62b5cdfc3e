import { useEffect, useState } from 'react';
import { useHost } from './gateways-context.js';

const NONE = { chooseFolder: false, revealFile: false };

/** What the host machine's dialogs can do here (nothing until the host has answered). */
export function useDesktopCapabilities(): { chooseFolder: boolean; revealFile: boolean } {
  const { desktop } = useHost();
  const [capabilities, setCapabilities] = useState(NONE);
  useEffect(() => {
    let live = true;
    desktop.capabilities().then(
      (c) => live && setCapabilities(c),
      () => live && setCapabilities(NONE),
    );
    return () => {
      live = false;
    };
  }, [desktop]);
  return capabilities;
}
