import type uPlot from 'uplot';

/** A moment to mark on every chart: a node left or joined, a split brain seen, an alert fired, … */
export interface Marker {
  /** Seconds since the epoch (uPlot's x unit). */
  at: number;
  tone: 'ok' | 'warn' | 'bad' | 'unknown';
  label: string;
  /**
   * What it marks, told by its shape as well as its colour: an event or an operation (a dashed
   * line), an alert that fired (a solid line under a filled flag), one that resolved (a solid line
   * under a hollow flag). Absent: an event.
   */
  shape?: 'event' | 'alert-fired' | 'alert-resolved';
}

/** How one marker is drawn, in canvas pixels: the line, and the flag at its top if it has one. */
export interface MarkerDrawing {
  x: number;
  top: number;
  bottom: number;
  lineWidth: number;
  /** Empty: a solid line. */
  dash: number[];
  /** A triangle pointing down from the top of the plot; the line then starts at its tip. */
  flag?: { points: Array<[number, number]>; filled: boolean };
}

/** The drawing of a marker at canvas x (already rounded), within the plot's top and height. */
export function markerDrawing(shape: Marker['shape'], x: number, top: number, height: number, pxRatio: number): MarkerDrawing {
  const line = { x, top, bottom: top + height };
  if (shape === undefined || shape === 'event') return { ...line, lineWidth: Math.max(1, pxRatio), dash: [4 * pxRatio, 3 * pxRatio] };
  const half = 5 * pxRatio;
  const tip = top + 1.6 * half;
  const flag = {
    points: [
      [x - half, top],
      [x + half, top],
      [x, tip],
    ] as Array<[number, number]>,
    filled: shape === 'alert-fired',
  };
  // The line hangs from the flag's tip, so a hollow flag stays hollow.
  return { ...line, top: tip, lineWidth: Math.max(1, pxRatio) * (shape === 'alert-fired' ? 1.5 : 1), dash: [], flag };
}

/**
 * The markers at their times, under the series, in the tone's colour: events and operations as
 * dashed lines, alerts as solid lines with a flag on top (filled when fired, hollow when resolved).
 */
export function markersPlugin(markers: () => readonly Marker[], colorOf: (tone: Marker['tone']) => string): uPlot.Plugin {
  return {
    hooks: {
      drawAxes: [
        (u: uPlot) => {
          const { ctx } = u;
          const { top, height } = u.bbox;
          const [min, max] = [u.scales.x?.min ?? 0, u.scales.x?.max ?? 0];
          ctx.save();
          for (const m of markers()) {
            if (m.at < min || m.at > max) continue;
            const d = markerDrawing(m.shape, Math.round(u.valToPos(m.at, 'x', true)), top, height, devicePixelRatio);
            const color = colorOf(m.tone);
            ctx.strokeStyle = color;
            ctx.lineWidth = d.lineWidth;
            ctx.setLineDash(d.dash);
            ctx.beginPath();
            ctx.moveTo(d.x, d.top);
            ctx.lineTo(d.x, d.bottom);
            ctx.stroke();
            if (d.flag) {
              ctx.setLineDash([]);
              ctx.beginPath();
              const [first, ...rest] = d.flag.points;
              ctx.moveTo(first![0], first![1]);
              for (const [px, py] of rest) ctx.lineTo(px, py);
              ctx.closePath();
              if (d.flag.filled) {
                ctx.fillStyle = color;
                ctx.fill();
              }
              ctx.stroke();
            }
          }
          ctx.restore();
        },
      ],
    },
  };
}
