"""`python -m geo`: see geo/cli.py."""

from geo.cli import main

raise SystemExit(main())
