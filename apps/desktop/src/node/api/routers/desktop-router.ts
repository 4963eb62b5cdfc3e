import { statSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { UserFacingError } from '@kirinuki/contracts';
import { publicProcedure, router } from '../trpc.js';

export const desktopRouter = router({
  /** Which of the host machine's own dialogs the UI may offer. */
  capabilities: publicProcedure.query(({ ctx }) => ({
    chooseFolder: !!ctx.host.desktop?.chooseFolder,
    revealFile: !!ctx.host.desktop?.revealFile,
  })),
  /** The host's folder picker: the folder chosen, or null when the user cancelled. */
  chooseFolder: publicProcedure
    .input(z.object({ title: z.string().max(200), defaultPath: z.string().max(4096).optional() }))
    .mutation(async ({ ctx, input }) => {
      const choose = ctx.host.desktop?.chooseFolder;
      if (!choose)
        throw new UserFacingError('NOT_SUPPORTED', 'This host cannot show a folder picker.', {
          hint: 'Type the folder path instead.',
        });
      return { path: await choose(input) };
    }),
  /** Shows a file the host made (a rendered clip) in the host's file manager. */
  revealFile: publicProcedure
    .input(z.object({ path: z.string().min(1).max(4096) }))
    .mutation(async ({ ctx, input }) => {
      const reveal = ctx.host.desktop?.revealFile;
      if (!reveal)
        throw new UserFacingError('NOT_SUPPORTED', 'This host cannot open a file manager.', {
          hint: 'Open the folder yourself; the path is shown beside the file.',
        });
      if (!path.isAbsolute(input.path) || !statSync(input.path, { throwIfNoEntry: false })?.isFile())
        throw new UserFacingError('FILE_NOT_FOUND', `${input.path} is not a file on this machine.`, {
          hint: 'It may have been moved or deleted; render the clip again.',
        });
      await reveal(input.path);
      return { revealed: input.path };
    }),
});
