"""get / serialize / deserialize for regularizers.

The lookup itself is the saving core's ObjectNamespace; this file names what the
namespace holds.
"""
from ceras.regularizers.regularizers import L1, L1L2, L2, OrthogonalRegularizer, Regularizer
from ceras.saving.object_namespace import ObjectNamespace

MODULE = "keras.regularizers"
_CLASSES = (L1, L1L2, L2, OrthogonalRegularizer)
ALL_OBJECTS = {cls.__name__: cls for cls in _CLASSES}
ALL_OBJECTS.update({"l1": L1, "l1_l2": L1L2, "l1l2": L1L2, "l2": L2,
                    "orthogonal_regularizer": OrthogonalRegularizer,
                    "Regularizer": Regularizer, "regularizer": Regularizer})


_NAMESPACE = ObjectNamespace("regularizer", MODULE, ALL_OBJECTS, Regularizer)
serialize = _NAMESPACE.serialize
deserialize = _NAMESPACE.deserialize
get = _NAMESPACE.get
