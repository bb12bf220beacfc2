"""get / serialize / deserialize for constraints.

The lookup itself is the saving core's ObjectNamespace; this file names what the
namespace holds.
"""
from ceras.constraints.constraints import Constraint, MaxNorm, MinMaxNorm, NonNeg, UnitNorm
from ceras.saving.object_namespace import ObjectNamespace

MODULE = "keras.constraints"
_CLASSES = (MaxNorm, MinMaxNorm, NonNeg, UnitNorm)
ALL_OBJECTS = {cls.__name__: cls for cls in _CLASSES}
ALL_OBJECTS.update({"max_norm": MaxNorm, "min_max_norm": MinMaxNorm, "non_neg": NonNeg,
                    "unit_norm": UnitNorm, "Constraint": Constraint, "constraint": Constraint})


_NAMESPACE = ObjectNamespace("constraint", MODULE, ALL_OBJECTS, Constraint)
serialize = _NAMESPACE.serialize
deserialize = _NAMESPACE.deserialize
get = _NAMESPACE.get
