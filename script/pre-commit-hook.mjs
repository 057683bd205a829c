#!/usr/bin/env node
// The pre-commit hook's entry (.pre-commit-hooks.yaml): the bundled CLI with
// the arguments pre-commit gives (`check`, the hook's args, the files).
// A script of its own so that its executable bit lives in git, apart from
// dist/, which is rebuilt.
import '../dist/cli.js'
