// Builds the front end when it is missing or stale, for Commissioning.Web.csproj's FrontEndBuild target:
//   1. `npm ci --no-audit --no-fund` if node_modules has no stamp, or package.json or package-lock.json is
//      newer than the stamp;
//   2. `npm run build` if an output in wwwroot is missing or older than a source.
// Several builds can run at once in one work tree (`dotnet build` and `dotnet test` in two terminals, an
// editor's build, two test projects built by separate commands), and two `npm ci` runs in one folder break
// each other. So the work is done under a lock (a folder made atomically in obj/), and each step checks
// again, once it holds the lock, whether another build has already done it.
// Only Node.js built-ins are used: this runs before node_modules exists.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const at = (...parts) => join(root, ...parts)

const stamp = at('node_modules', '.commissioning-npm-ci.stamp')
const packageFiles = [at('package.json'), at('package-lock.json')]
// Keep these two lists in step with FrontEndSource and FrontEndOutput in Commissioning.Web.csproj.
const sources = [...packageFiles, stamp, ...filesUnder(at('styles')), ...filesUnder(at('scripts'))]
const outputs = [
  at('wwwroot', 'css', 'app.css'),
  at('wwwroot', 'govuk', 'govuk-frontend.min.js'),
  at('wwwroot', 'govuk', 'init.js'),
  at('wwwroot', 'govuk', 'manifest.json')
]

const lock = at('obj', 'frontend-build.lock')
const lockWaitMs = 10 * 60 * 1000
const lockStaleMs = 15 * 60 * 1000

function filesUnder (folder) {
  if (!existsSync(folder)) return []
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter(entry => entry.isFile())
    .map(entry => join(entry.parentPath ?? entry.path, entry.name))
}

function mtime (file) {
  return existsSync(file) ? statSync(file).mtimeMs : null
}

function isAlive (pid) {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return error.code === 'EPERM'
  }
}

function lockIsStale () {
  const pidFile = join(lock, 'pid')
  const pid = readPid(pidFile)
  if (Number.isInteger(pid) && !isAlive(pid)) return true
  const made = mtime(lock)
  return made !== null && Date.now() - made > lockStaleMs
}

function readPid (file) {
  try {
    return Number.parseInt(readFileSync(file, 'utf8'), 10)
  } catch {
    return Number.NaN
  }
}

async function acquireLock () {
  mkdirSync(dirname(lock), { recursive: true })
  const started = Date.now()
  let told = false
  for (;;) {
    try {
      mkdirSync(lock)
      writeFileSync(join(lock, 'pid'), String(process.pid))
      return
    } catch (error) {
      if (error.code !== 'EEXIST') throw error
    }
    if (lockIsStale()) {
      rmSync(lock, { recursive: true, force: true })
      continue
    }
    if (Date.now() - started > lockWaitMs) {
      throw new Error(`Timed out waiting for ${lock}; if no other build is running, delete it.`)
    }
    if (!told) {
      console.log('Waiting for another build of the front end to finish...')
      told = true
    }
    await new Promise(resolve => setTimeout(resolve, 250))
  }
}

function releaseLock () {
  rmSync(lock, { recursive: true, force: true })
}

function run (command) {
  console.log(`> ${command}`)
  const result = spawnSync(command, { cwd: root, stdio: 'inherit', shell: true })
  if (result.status !== 0) {
    throw new Error(`\`${command}\` failed (exit code ${result.status ?? result.signal}).`)
  }
}

function npmCiNeeded () {
  const stamped = mtime(stamp)
  return stamped === null || packageFiles.some(file => (mtime(file) ?? Infinity) > stamped)
}

function buildNeeded () {
  const built = outputs.map(mtime)
  if (built.some(time => time === null)) return true
  const oldestOutput = Math.min(...built)
  return sources.some(file => (mtime(file) ?? Infinity) > oldestOutput)
}

await acquireLock()
process.on('exit', releaseLock)
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => process.exit(130))
}
try {
  if (npmCiNeeded()) {
    run('npm ci --no-audit --no-fund')
    writeFileSync(stamp, `npm ci at ${new Date().toISOString()}\n`)
  }
  if (buildNeeded()) {
    run('npm run build')
  } else {
    console.log('Front end is up to date.')
  }
} catch (error) {
  console.error(error.message)
  process.exitCode = 1
}
