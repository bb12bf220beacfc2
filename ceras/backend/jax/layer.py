"""On JAX a Layer is a plain Python object: its Variables hold jax arrays, and the
trainer (or ``stateless_call``) passes their values in and out of pure functions.
The hooks the torch backend uses to register modules and parameters are no-ops."""


class BackendLayer:
    def _backend_init(self):
        pass

    def _register_sublayer(self, key, layer):
        pass

    def _unregister_sublayer(self, key):
        pass

    def _register_variable(self, key, variable):
        pass

    def _track_backend_attribute(self, name, value):
        pass
