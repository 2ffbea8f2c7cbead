import os
import sys

# the package from this tree, unless PYTHONPATH says otherwise
sys.path.insert(0, os.path.normpath(os.path.join(os.path.dirname(__file__), "..")))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
