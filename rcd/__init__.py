__version__ = "0.0.1"

import logging as _logging

class _TorchvisionNotice(_logging.Filter):
    "transformers' notice that its image processors fall back to PIL without torchvision: true, and nothing to do with rcd."
    def filter(self, record): return 'requires torchvision (not installed)' not in record.getMessage()

_logging.getLogger('transformers.utils.import_utils').addFilter(_TorchvisionNotice())
