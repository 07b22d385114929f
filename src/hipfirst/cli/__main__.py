import sys

from hipfirst.cli import main

sys.exit(main())
