"""Node positions computed in Python, so the browser never runs a physics simulation.

vis-network's physics freezes headless Chromium for many seconds beyond a few hundred nodes.
This is Fruchterman-Reingold (attraction d²/k along edges, repulsion k²/d between all pairs,
a cooling step limit) with a weak pull to the centre so isolated nodes stay in view. All-pairs
repulsion is exact up to `EXACT_MAX` nodes; above that it is computed on a grid with an FFT
(particle-mesh: spread each node on the four nearest grid points, convolve with the k²/d
kernel, read the force back), which costs O(n + G² log G) per step instead of O(n²).
Deterministic: the same nodes, edges and seed give the same positions.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

EXACT_MAX = 400
GRID = 128


def spring_layout(n: int, edges: np.ndarray | list[tuple[int, int]], *, iterations: int = 80,
                  seed: int = 0) -> np.ndarray:
    """Positions (n × 2, roughly in [-0.5, 0.5]²) for n nodes joined by `edges` (index pairs)."""
    if n == 0:
        return np.zeros((0, 2))
    rng = np.random.default_rng(seed)
    pos = rng.random((n, 2)) - 0.5
    if n == 1:
        return pos * 0
    pairs = np.asarray(edges, dtype=np.int64).reshape(-1, 2)
    pairs = pairs[pairs[:, 0] != pairs[:, 1]]
    k = 1.0 / np.sqrt(n)
    step = 0.1
    cooling = step / (iterations + 1)
    for _ in range(iterations):
        disp = _repulsion(pos, k)
        if len(pairs):
            delta = pos[pairs[:, 0]] - pos[pairs[:, 1]]
            pull = delta * (np.hypot(delta[:, 0], delta[:, 1]) / k)[:, None]
            for axis in (0, 1):
                disp[:, axis] -= np.bincount(pairs[:, 0], pull[:, axis], minlength=n)
                disp[:, axis] += np.bincount(pairs[:, 1], pull[:, axis], minlength=n)
        disp -= pos * (2.0 * np.sqrt(n) * k)  # gravity, so components do not drift apart
        length = np.maximum(np.hypot(disp[:, 0], disp[:, 1]), 1e-12)
        pos += disp * (np.minimum(length, step) / length)[:, None]
        step -= cooling
    return pos


def _repulsion(pos: np.ndarray, k: float) -> np.ndarray:
    return _exact_repulsion(pos, k) if len(pos) <= EXACT_MAX else _mesh_repulsion(pos, k)


def _exact_repulsion(pos: np.ndarray, k: float) -> np.ndarray:
    dx = pos[:, None, 0] - pos[None, :, 0]
    dy = pos[:, None, 1] - pos[None, :, 1]
    inv = k * k / np.maximum(dx * dx + dy * dy, 1e-9)
    np.fill_diagonal(inv, 0.0)
    return np.stack([(dx * inv).sum(1), (dy * inv).sum(1)], axis=1)


@lru_cache(maxsize=4)
def _kernel(grid: int) -> tuple[np.ndarray, np.ndarray]:
    """FFT of the repulsion kernel u/|u|² on a zero-padded 2G × 2G grid (in grid units)."""
    size = 2 * grid
    offsets = np.arange(size)
    offsets = np.where(offsets < grid, offsets, offsets - size).astype(float)
    u, v = np.meshgrid(offsets, offsets, indexing="ij")
    r2 = u * u + v * v
    r2[0, 0] = 1.0
    kx, ky = u / r2, v / r2
    kx[0, 0] = ky[0, 0] = 0.0
    return np.fft.rfft2(kx), np.fft.rfft2(ky)


def _mesh_repulsion(pos: np.ndarray, k: float, grid: int = GRID) -> np.ndarray:
    lo = pos.min(axis=0)
    spacing = max(float((pos.max(axis=0) - lo).max()), 1e-9) / (grid - 1.001)
    g = (pos - lo) / spacing
    cell = np.clip(np.floor(g).astype(np.int64), 0, grid - 2)
    frac = g - cell
    base = cell[:, 0] * grid + cell[:, 1]
    corners = [(0, (1 - frac[:, 0]) * (1 - frac[:, 1])), (grid, frac[:, 0] * (1 - frac[:, 1])),
               (1, (1 - frac[:, 0]) * frac[:, 1]), (grid + 1, frac[:, 0] * frac[:, 1])]
    density = np.zeros(grid * grid)
    for offset, weight in corners:
        density += np.bincount(base + offset, weight, minlength=grid * grid)
    padded = np.zeros((2 * grid, 2 * grid))
    padded[:grid, :grid] = density.reshape(grid, grid)
    spectrum = np.fft.rfft2(padded)
    kx, ky = _kernel(grid)
    out = np.zeros_like(pos)
    for axis, kernel in enumerate((kx, ky)):
        field = np.fft.irfft2(spectrum * kernel, s=padded.shape)[:grid, :grid].ravel()
        out[:, axis] = sum(weight * field[base + offset] for offset, weight in corners)
    return out * (k * k / spacing)
