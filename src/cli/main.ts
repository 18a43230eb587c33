/**
 * The `alliance` command (`npx alliance …`). Commands call services directly, never HTTP.
 * Configuration comes from the environment (see README); a wrong environment prints every problem and
 * exits with status 2.
 */
import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { SingleBar, Presets } from 'cli-progress'
import { Command } from 'commander'
import { ConfigError, loadConfig, type Config } from '../core/config.js'
import { backupDatabase, restoreDatabase } from '../core/db/backup.js'
import { connect } from '../core/db/connect.js'
import { migrateToLatest, pendingMigrations } from '../core/db/migrate.js'
import type { Database } from '../database.js'
import { ensurePlatformAdmin } from '../features/accounts/index.js'
import { sendDueReminders } from '../features/catalysis/index.js'
import { loadDemo } from '../features/demo/index.js'
import { generateScaleData } from '../features/listening/index.js'
import { runDeadlineChecks } from '../features/mobilisation/index.js'
import { loadGeography, readGeographySource } from '../features/territories/index.js'
import { syncVocabulary } from '../features/vocabulary/index.js'
import { appI18n } from '../app.js'
import { openRuntime } from '../runtime.js'
import { startServer } from '../server.js'
import { setupDatabase } from '../setup.js'
import { startWorker } from '../worker.js'
import { registerStatsCommands } from './stats.js'

function config(): Config {
  try {
    return loadConfig()
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message)
      process.exit(2)
    }
    throw error
  }
}

/** Opens the database, runs `work`, closes it (also on error). */
async function withDb<T>(work: (db: ReturnType<typeof connect<Database>>) => Promise<T>): Promise<T> {
  const db = connect<Database>(config().database)
  try {
    return await work(db)
  } finally {
    await db.close()
  }
}

function progressBar() {
  if (!process.stdout.isTTY) {
    let last = ''
    return {
      update: (step: string, done: number, total: number) => {
        if (done === total && step !== last) {
          last = step
          console.log(`  ${step} : ${total}`)
        }
      },
      stop: () => {},
    }
  }
  const bar = new SingleBar({ format: '  {step} [{bar}] {value}/{total}', hideCursor: true }, Presets.shades_classic)
  let current = ''
  return {
    update: (step: string, done: number, total: number) => {
      if (step !== current) {
        if (current !== '') bar.stop()
        current = step
        bar.start(total, 0, { step })
      }
      bar.update(done, { step })
    },
    stop: () => bar.stop(),
  }
}

const program = new Command()
program.name('alliance').description('Alliance — plateforme de co-construction territoriale').showHelpAfterError()

program
  .command('serve')
  .description('prépare la base (migrations, géographie, démo) puis démarre le serveur web')
  .action(async () => {
    await startServer(config())
  })

program
  .command('worker')
  .description('exécute les tâches de fond (e-mails, rappels, nettoyages) sans servir de pages ; voir docs/deploy.md')
  .action(async () => {
    await startWorker(config())
  })

const db = program.command('db').description('base de données')
db.command('migrate')
  .description('applique les migrations en attente et met à jour le lexique commun')
  .action(async () => {
    await withDb(async ({ kysely }) => {
      const { applied } = await migrateToLatest(kysely)
      await syncVocabulary(kysely)
      console.log(applied.length ? `Migrations appliquées : ${applied.join(', ')}` : 'Base déjà à jour.')
    })
  })
db.command('prepare')
  .description('prépare la base comme `serve` (migrations, lexique, géographie, démo selon ALLIANCE_DEMO) sans servir')
  .action(async () => {
    const cfg = config()
    await withDb(async ({ kysely }) => {
      await setupDatabase(kysely, { demo: cfg.demo, sessionIdleMinutes: cfg.sessionIdleMinutes, log: (message) => console.log(message) })
    })
  })
db.command('status')
  .description('liste les migrations en attente')
  .action(async () => {
    await withDb(async ({ kysely }) => {
      const pending = await pendingMigrations(kysely)
      console.log(pending.length ? `En attente : ${pending.join(', ')}` : 'Aucune migration en attente.')
    })
  })

db.command('backup')
  .description('sauvegarde la base en ligne (SQLite : API de sauvegarde ; PostgreSQL : pg_dump) ; voir docs/deploy.md')
  .option('--output <file>', 'fichier de sauvegarde (par défaut : <ALLIANCE_DATA_DIR>/sauvegardes/alliance-<date>.<sqlite|dump>)')
  .action(async (options: { output?: string }) => {
    const cfg = config()
    const stamp = new Date().toISOString().replace(/[:.]/g, '-')
    const file = options.output ?? join(cfg.dataDir, 'sauvegardes', `alliance-${stamp}.${cfg.database.dialect === 'sqlite' ? 'sqlite' : 'dump'}`)
    await withDb(async ({ kysely }) => {
      const report = await backupDatabase(cfg.database, kysely, file)
      console.log(`Sauvegarde écrite : ${report.file} (${(report.bytes / 1e6).toFixed(1)} Mo en ${report.seconds.toFixed(1)} s)`)
    })
  })
db.command('restore')
  .description('remplace toute la base par une sauvegarde (arrêtez d’abord serveurs et workers)')
  .argument('<file>', 'fichier écrit par alliance db backup')
  .option('--yes', 'confirme le remplacement de toutes les données')
  .action(async (file: string, options: { yes?: boolean }) => {
    if (!options.yes) {
      console.error('La restauration remplace toutes les données actuelles. Arrêtez les serveurs et workers, puis relancez avec --yes.')
      process.exit(2)
    }
    const report = await restoreDatabase(config().database, file)
    console.log(`Base restaurée depuis ${report.file} en ${report.seconds.toFixed(1)} s. Lancez alliance db migrate si la sauvegarde est plus ancienne que cette version.`)
  })

program
  .command('geo')
  .description('géographie officielle')
  .command('load')
  .description('charge (ou met à jour) communes, EPCI, EPT, départements et régions ; idempotent')
  .option('--force', 'recharge même si la même version est déjà chargée')
  .action(async (options: { force?: boolean }) => {
    await withDb(async ({ kysely }) => {
      await migrateToLatest(kysely)
      const bar = progressBar()
      const report = await loadGeography(kysely, readGeographySource(), { force: options.force, progress: bar.update })
      bar.stop()
      console.log(
        report.skipped
          ? `Géographie ${report.version} déjà chargée (--force pour recharger).`
          : `Géographie ${report.version} chargée : ${report.territories} territoires, ${report.links} liens, ${report.searchTerms} termes de recherche.`,
      )
    })
  })

const demo = program.command('demo').description('jeu de démonstration fictif')
demo
  .command('load')
  .description('charge le jeu de démonstration (territoire pilote Paris Est Marne et Bois) ; idempotent')
  .action(async () => {
    await withDb(async ({ kysely }) => {
      await migrateToLatest(kysely)
      const geo = await kysely.selectFrom('app_meta').select('value').where('key', '=', 'geography_version').executeTakeFirst()
      if (!geo) await loadGeography(kysely, readGeographySource())
      const report = await loadDemo(kysely)
      console.log(report.loaded ? `Jeu de démonstration chargé : ${report.organisations} organisations fictives.` : 'Jeu de démonstration déjà présent.')
    })
  })
demo
  .command('scale')
  .description('génère des organisations, ressources et besoins fictifs sur toute la France (bancs d’essai) ; déterministe')
  .option('--organisations <n>', 'nombre d’organisations', '200000')
  .option('--resources <n>', 'nombre de ressources', '1000000')
  .option('--needs <n>', 'nombre de besoins', '300000')
  .option('--seed <n>', 'graine du générateur', '20201123')
  .action(async (options: { organisations: string; resources: string; needs: string; seed: string }) => {
    const counts = [options.organisations, options.resources, options.needs, options.seed].map(Number)
    if (counts.some((n) => !Number.isInteger(n) || n < 0) || (counts[0] as number) < 1) {
      console.error('Les nombres doivent être des entiers positifs (au moins une organisation).')
      process.exit(2)
    }
    await withDb(async ({ kysely }) => {
      await migrateToLatest(kysely)
      await syncVocabulary(kysely)
      const geo = await kysely.selectFrom('app_meta').select('value').where('key', '=', 'geography_version').executeTakeFirst()
      if (!geo) await loadGeography(kysely, readGeographySource())
      const bar = progressBar()
      const report = await generateScaleData(kysely, { organisations: counts[0] as number, resources: counts[1] as number, needs: counts[2] as number, seed: counts[3] as number, progress: bar.update })
      bar.stop()
      console.log(`Données fictives générées : ${report.organisations} organisations, ${report.needs} besoins, ${report.resources} ressources en ${report.seconds.toFixed(1)} s (${Math.round(report.rowsPerSecond)} lignes/s).`)
    })
  })

program
  .command('catalysis')
  .description('catalyse territoriale')
  .command('reminders')
  .description('envoie maintenant les rappels des rencontres des prochaines 48 heures (la tâche périodique catalysis.meeting-reminders le fait toutes les 15 minutes ; une fois par inscription)')
  .action(async () => {
    await withDb(async (db) => {
      // The reminders queue their e-mails as jobs: the runtime attaches the job store (the server or the worker sends them).
      const runtime = await openRuntime({ config: config(), db, i18n: appI18n(), log: { info() {}, warn: (o, m) => console.warn(m, o), error: (o, m) => console.error(m, o) }, runJobs: false })
      try {
        const sent = await sendDueReminders(db.kysely)
        console.log(`Rappels envoyés : ${sent}.`)
      } finally {
        await runtime.close()
      }
    })
  })

program
  .command('mobilisation')
  .description('mobilisation des acteurs')
  .command('deadlines')
  .description('les contrôles quotidiens (aussi une tâche de 7 h) : engagements échus, dépôts d’appels à projets qui ferment, rapports de subvention attendus (une fois chacun ; idempotent)')
  .action(async () => {
    await withDb(async ({ kysely }) => {
      const report = await runDeadlineChecks(kysely)
      console.log(`Engagements échus signalés : ${report.latePledges}. Appels à projets rappelés : ${report.callsReminded}. Rapports de subvention rappelés : ${report.reportsReminded}.`)
    })
  })

program
  .command('admin')
  .description('administration de la plateforme')
  .command('create')
  .description('crée un administrateur de la plateforme (ou promeut un compte existant)')
  .requiredOption('--email <email>', 'adresse e-mail')
  .option('--name <name>', 'nom affiché', 'Administrateur')
  .option('--password-file <file>', 'lit le mot de passe dans ce fichier (sinon un mot de passe est généré et affiché une fois)')
  .action(async (options: { email: string; name: string; passwordFile?: string }) => {
    if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(options.email)) {
      console.error(`Adresse e-mail invalide : ${options.email}`)
      process.exit(2)
    }
    const generated = options.passwordFile === undefined
    const password = generated ? randomBytes(18).toString('base64url') : readFileSync(options.passwordFile as string, 'utf8').trim()
    await withDb(async ({ kysely }) => {
      await migrateToLatest(kysely)
      const result = await ensurePlatformAdmin(kysely, { email: options.email, password, displayName: options.name })
      if (result.created) {
        console.log(`Administrateur créé : ${options.email}`)
        if (generated) console.log(`Mot de passe (affiché une seule fois) : ${password}`)
      } else console.log(`Compte existant promu administrateur : ${options.email} (mot de passe inchangé)`)
    })
  })


registerStatsCommands(program)

program.parseAsync(process.argv).catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(error.message)
    process.exit(2)
  }
  const message = error instanceof Error ? error.message : String(error)
  console.error(`Erreur : ${message}`)
  process.exit(1)
})
