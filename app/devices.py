"""The devices torch really reports, and how a user's choice maps to a torch.device."""

from __future__ import annotations

from dataclasses import dataclass

import torch

from app.errors import InputError


@dataclass(frozen=True)
class DeviceOption:
    key: str      # what settings and the command line store: "auto", "cpu", "cuda:0", "mps"
    label: str    # what a menu shows
    detail: str   # the hardware behind it


def _mps_available() -> bool:
    mps = getattr(torch.backends, "mps", None)
    return bool(mps and mps.is_available())


def available() -> list[DeviceOption]:
    """Auto, the CPU, then every CUDA device and MPS that torch reports as usable."""
    options = [DeviceOption("auto", "Auto", describe(resolve("auto"))),
               DeviceOption("cpu", "CPU", "CPU")]
    if torch.cuda.is_available():
        for i in range(torch.cuda.device_count()):
            key = f"cuda:{i}"
            options.append(DeviceOption(key, key.upper(), torch.cuda.get_device_name(i)))
    if _mps_available():
        options.append(DeviceOption("mps", "MPS", "Apple Metal"))
    return options


def resolve(key: str | None) -> torch.device:
    """Turn a device key into a torch.device; Auto prefers CUDA, then MPS, then the CPU."""
    key = (key or "auto").strip().lower()
    if key == "auto":
        if torch.cuda.is_available():
            return torch.device("cuda:0")
        return torch.device("mps") if _mps_available() else torch.device("cpu")
    keys = [o.key for o in available() if o.key != "auto"]
    if key == "cuda" and "cuda:0" in keys:
        key = "cuda:0"
    if key not in keys:
        raise InputError("device {key} is not available here; choose one of: {keys}",
                         key=repr(key), keys=", ".join(["auto", *keys]))
    return torch.device(key)


def describe(device: torch.device | str) -> str:
    """A short human name: 'CPU', 'CUDA:0 (NVIDIA H100)', 'MPS'."""
    device = torch.device(device)
    if device.type == "cuda":
        index = device.index or 0
        return f"CUDA:{index} ({torch.cuda.get_device_name(index)})"
    return device.type.upper()


def float_dtype(device: torch.device | str) -> torch.dtype:
    """float64 for exact teaching numbers, except on MPS, which has no float64."""
    return torch.float32 if torch.device(device).type == "mps" else torch.float64
