"""The state of the outermost layer call: ``training`` flows from it to every
sublayer that was not given ``training`` explicitly, and losses added during it
(``add_loss``, activity regularizers) are tagged with its id."""


class CallContext:
    __slots__ = ("training", "depth", "call_id", "had_losses")

    def __init__(self):
        self.training = None
        self.depth = 0
        self.call_id = 0
        self.had_losses = False


CONTEXT = CallContext()
