/** The mmreg command line: parses arguments and calls the same analysis functions as the server. */

import type { ResponseCriteria } from '@mmreg/core';
import { Command, Option } from 'commander';
import { CliError, describeCliError } from './cli-error.ts';
import { collectOption, parseConfLevelOption, parseLevelsOptions } from './cohort-csv.ts';
import { assessCriteria, runAssess } from './commands/assess-command.ts';
import { runCoxRegression } from './commands/cox-command.ts';
import { runGrade } from './commands/grade-command.ts';
import { runKaplanMeier } from './commands/km-command.ts';
import { runPooledProportion } from './commands/meta-command.ts';
import { registerRegistryCommands } from './commands/registry-commands.ts';
import { registerImportCommand } from './commands/registry-import-command.ts';
import { registerReportCommand } from './commands/report-command.ts';
import { knownStudies, runReproduce } from './commands/reproduce-command.ts';
import { runReproduceFromLabs } from './commands/reproduce-from-labs.ts';
import { readPackageVersion } from './files.ts';

export function buildProgram(write: (text: string) => void): Command {
  const program = new Command('mmreg')
    .description('Multicentre outcome research in multiple myeloma and plasma cell leukaemia')
    .version(readPackageVersion())
    .showHelpAfterError()
    // Throw instead of exiting, in every subcommand too (set before they are added), so main() maps exit codes.
    .exitOverride();

  registerImportCommand(program, write, (text) => process.stderr.write(text));

  program
    .command('reproduce')
    .description('reproduce a study end to end: report.html, results.json, tables/*.csv, figures/*.svg')
    .addArgument(program.createArgument('<study>', 'a shipped study id or a path to a study.json'))
    .requiredOption('--out <dir>', 'output directory (replaced atomically)')
    .addOption(new Option('--deterministic', 'omit the generation time so output is byte-identical').default(false))
    .option('--from-labs', 'rebuild Table 2’s response, PFS and OS from the synthetic serial labs (musto2007)', false)
    .option('--labs-dir <dir>', 'with --from-labs: directory with labs.csv, therapy.csv, followup.csv')
    .action((study: string, options: { out: string; deterministic: boolean; fromLabs: boolean; labsDir?: string }) => {
      if (options.fromLabs) {
        if (study !== 'musto2007') throw new CliError('--from-labs is available for musto2007 only');
        write(
          runReproduceFromLabs({
            out: options.out,
            ...(options.labsDir === undefined ? {} : { labsDir: options.labsDir }),
          }),
        );
        return;
      }
      write(
        runReproduce({ study: knownStudies[study] ?? study, out: options.out, deterministic: options.deterministic }),
      );
    });

  program
    .command('assess')
    .description('derive response, progression, PFS/OS, CTCAE laboratory grades and PCL per patient, with reasons')
    .requiredOption('--labs <file>', 'labs.csv: patient,date,test,value,unit')
    .requiredOption('--therapy <file>', 'therapy.csv: patient,regimen,start_date,end_date (earliest = index therapy)')
    .option('--followup <file>', 'followup.csv: patient,last_contact_date,vital_status,death_date')
    .addOption(
      new Option('--criteria <criteria>', 'response criteria').choices([...assessCriteria]).default('imwg2006'),
    )
    .addOption(new Option('--ctcae <version>', 'CTCAE version').choices(['v3', 'v5']).default('v3'))
    .option('--json', 'one JSON object per patient', false)
    .action(
      (options: {
        labs: string;
        therapy: string;
        followup?: string;
        criteria: ResponseCriteria;
        ctcae: 'v3' | 'v5';
        json: boolean;
      }) => {
        write(runAssess({ ...options, warn: (text) => process.stderr.write(text) }));
      },
    );

  const levelsHelp = 'factor level order, first = reference (as factor(x, levels = …)); repeatable';

  program
    .command('km')
    .description('Kaplan–Meier medians with CIs per group and the log-rank test (R survfit + survdiff)')
    .argument('<file>', 'cohort CSV (header row; NA or empty = missing)')
    .requiredOption('--time <column>', 'follow-up time (≥ 0)')
    .requiredOption('--event <column>', 'event status: 0/1, 1/2 (2 = event) or true/false')
    .option('--group <column>', 'grouping column (one curve per level)')
    .addOption(new Option('--conf-type <type>', 'CI scale').choices(['log', 'log-log', 'plain']).default('log'))
    .option('--conf-level <level>', 'confidence level', parseConfLevelOption, 0.95)
    .option('--levels <column=a,b,…>', levelsHelp, collectOption, [])
    .option('--json', 'print the full result as JSON', false)
    .action(
      (
        file: string,
        options: {
          time: string;
          event: string;
          group?: string;
          confType: 'log' | 'log-log' | 'plain';
          confLevel: number;
          levels: string[];
          json: boolean;
        },
      ) => {
        write(runKaplanMeier(file, { ...options, levels: parseLevelsOptions(options.levels) }));
      },
    );

  program
    .command('cox')
    .description('Cox proportional hazards regression (R coxph + summary)')
    .argument('<file>', 'cohort CSV (header row; NA or empty = missing)')
    .requiredOption('--time <column>', 'follow-up time (≥ 0)')
    .requiredOption('--event <column>', 'event status: 0/1, 1/2 (2 = event) or true/false')
    .requiredOption(
      '--covariates <terms>',
      'comma-separated: column (numeric) or factor(column); text columns are factors',
    )
    .addOption(new Option('--ties <method>', 'tie handling').choices(['efron', 'breslow']).default('efron'))
    .option('--conf-level <level>', 'confidence level of the HR intervals', parseConfLevelOption, 0.95)
    .option('--levels <column=a,b,…>', levelsHelp, collectOption, [])
    .option('--json', 'print the full result as JSON', false)
    .action(
      (
        file: string,
        options: {
          time: string;
          event: string;
          covariates: string;
          ties: 'efron' | 'breslow';
          confLevel: number;
          levels: string[];
          json: boolean;
        },
      ) => {
        write(runCoxRegression(file, { ...options, levels: parseLevelsOptions(options.levels) }));
      },
    );

  program
    .command('meta')
    .description('random-effects meta-analysis of single proportions (metafor escalc + rma.uni)')
    .argument('<file>', 'CSV with one row per study')
    .requiredOption('--events <column>', 'responders (events) per study')
    .requiredOption('--n <column>', 'patients per study')
    .option('--label <column>', 'study label')
    .addOption(
      new Option('--measure <measure>', 'transformation').choices(['logit', 'double-arcsine']).default('logit'),
    )
    .addOption(new Option('--tau2 <method>', 'τ² estimator').choices(['dl', 'reml']).default('reml'))
    .option('--conf-level <level>', 'confidence level', parseConfLevelOption, 0.95)
    .option('--json', 'print the full result as JSON', false)
    .action(
      (
        file: string,
        options: {
          events: string;
          n: string;
          label?: string;
          measure: 'logit' | 'double-arcsine';
          tau2: 'dl' | 'reml';
          confLevel: number;
          json: boolean;
        },
      ) => {
        write(runPooledProportion(file, options));
      },
    );

  program
    .command('grade')
    .description('CTCAE grade and term of each laboratory value in a CSV (test,value,unit[,uln][,lln][,baseline])')
    .argument('<file>', 'CSV with columns test,value,unit and optional uln, lln, baseline (in the row’s unit)')
    .addOption(new Option('--ctcae <version>', 'CTCAE version').choices(['v3', 'v5']).makeOptionMandatory())
    .option('--json', 'print one JSON object per row', false)
    .action((file: string, options: { ctcae: 'v3' | 'v5'; json: boolean }) => {
      write(runGrade({ file, ctcae: options.ctcae, json: options.json }));
    });

  registerRegistryCommands(program, write);
  registerReportCommand(program, write);

  return program;
}

export async function main(argv: readonly string[]): Promise<number> {
  const program = buildProgram((text) => process.stdout.write(text));
  try {
    await program.parseAsync([...argv]);
    return 0;
  } catch (error) {
    if (error instanceof CliError) {
      process.stderr.write(describeCliError(error));
      return error.exitCode;
    }
    if (error !== null && typeof error === 'object' && 'code' in error && String(error.code).startsWith('commander.')) {
      const code = String(error.code);
      return code === 'commander.helpDisplayed' || code === 'commander.version' ? 0 : 2;
    }
    process.stderr.write(
      `mmreg: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    return 1;
  }
}
