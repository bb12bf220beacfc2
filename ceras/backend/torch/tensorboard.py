"""Profiling for the TensorBoard callback (``profile_batch``), with torch.profiler.

Traces are written by ``torch.profiler.tensorboard_trace_handler`` as
``*.pt.trace.json`` files in the run's folder, where TensorBoard's PyTorch
profiler plugin (or chrome://tracing, Perfetto) reads them.
"""
import torch

_ACTIVE = []


def start_trace(logdir):
    """Start recording a trace to be written into ``logdir``."""
    if _ACTIVE:
        raise RuntimeError("A profiler trace is already running; stop it before starting "
                           "another.")
    activities = [torch.profiler.ProfilerActivity.CPU]
    if torch.cuda.is_available():
        activities.append(torch.profiler.ProfilerActivity.CUDA)
    profiler = torch.profiler.profile(
        activities=activities, on_trace_ready=torch.profiler.tensorboard_trace_handler(logdir))
    profiler.start()
    _ACTIVE.append(profiler)


def stop_trace(save=True):
    """Stop the running trace; write it unless ``save`` is False."""
    if not _ACTIVE:
        return
    profiler = _ACTIVE.pop()
    if not save:
        profiler.on_trace_ready = None
    profiler.stop()


def start_batch_trace(batch):
    """Mark batch ``batch`` in the running trace; returns what ``stop_batch_trace`` ends."""
    context = torch.profiler.record_function(f"batch_{batch}")
    context.__enter__()
    return context


def stop_batch_trace(context):
    context.__exit__(None, None, None)
