/** How a virtual camera may move along one axis, in source pixels and seconds. */
export interface CameraLimits {
  /** Offsets of the target closer than this to the camera do not move it (kills jitter). */
  deadZonePx: number;
  maxSpeedPxPerSec: number;
  maxAccelPxPerSec2: number;
}

/**
 * Follows `targets` (one per step of `dt` seconds) with a camera that ignores small offsets,
 * never exceeds the speed and acceleration limits, and eases to a stop. Starts on the first
 * target: a shot opens already framed, never with a pan.
 */
export function smoothCameraPath(targets: readonly number[], dt: number, limits: CameraLimits): number[] {
  if (targets.length === 0) return [];
  const { deadZonePx, maxSpeedPxPerSec: vmax, maxAccelPxPerSec2: amax } = limits;
  let position = targets[0] as number;
  let velocity = 0;
  let chasing = false;
  const path: number[] = [position];
  for (let i = 1; i < targets.length; i += 1) {
    const error = (targets[i] as number) - position;
    // Hysteresis: start moving outside the dead zone, keep moving until nearly centred again.
    if (Math.abs(error) > deadZonePx) chasing = true;
    else if (Math.abs(error) < deadZonePx * 0.25) chasing = false;
    const remaining = chasing ? error : 0;
    // Fastest speed from which we can still stop within the remaining distance.
    const stoppable = Math.sqrt(2 * amax * Math.abs(remaining));
    const desired = Math.sign(remaining) * Math.min(vmax, stoppable, Math.abs(remaining) / dt);
    const dv = Math.max(-amax * dt, Math.min(amax * dt, desired - velocity));
    velocity += dv;
    position += velocity * dt;
    path.push(position);
  }
  return path;
}
