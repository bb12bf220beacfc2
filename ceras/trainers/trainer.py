"""Trainer: the compile / fit / evaluate / predict mixin of Model."""


class Trainer:
    def __init__(self):
        self.compiled = False
        self.optimizer = None
        self.stop_training = False
