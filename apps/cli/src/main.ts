/** The mmreg command line: parses arguments and calls the same analysis functions as the server. */
import { Command } from 'commander';

const program = new Command('mmreg').description('Multicentre outcome research in myeloma and plasma cell leukaemia');
await program.parseAsync(process.argv);
