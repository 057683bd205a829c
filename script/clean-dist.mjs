// Remove dist/ before a rebuild so that stale files never linger (portable rm -rf).
import { rmSync } from 'node:fs'
rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true })
