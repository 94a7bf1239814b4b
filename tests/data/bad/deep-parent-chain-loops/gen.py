"""The dataset of ../deep-parent-chain: 10^5 entities in one parent chain."""
import os
import runpy

runpy.run_path(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..",
                            "deep-parent-chain", "gen.py"), run_name="__main__")
