// Copies GOV.UK Frontend's JavaScript bundle and the assets it needs into
// wwwroot/govuk/ (served at /govuk/). Fonts are deliberately left out: this
// service does not use the GDS Transport typeface. It also writes init.js,
// which starts GOV.UK Frontend's components, so that pages need no inline
// module script (a Content-Security-Policy can then allow only 'self').
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const source = join(root, 'node_modules', 'govuk-frontend', 'dist', 'govuk')
const target = join(root, 'wwwroot', 'govuk')

rmSync(target, { recursive: true, force: true })
mkdirSync(target, { recursive: true })

for (const file of ['govuk-frontend.min.js', 'govuk-frontend.min.js.map']) {
  cpSync(join(source, file), join(target, file))
}
cpSync(join(source, 'assets', 'images'), join(target, 'images'), { recursive: true })
cpSync(join(source, 'assets', 'manifest.json'), join(target, 'manifest.json'))
writeFileSync(
  join(target, 'init.js'),
  "import { initAll } from './govuk-frontend.min.js'\n\ninitAll()\n"
)
