import type uPlot from 'uplot';

/** A moment to mark on every chart: a node left or joined, a split brain seen, … */
export interface Marker {
  /** Seconds since the epoch (uPlot's x unit). */
  at: number;
  tone: 'ok' | 'warn' | 'bad' | 'unknown';
  label: string;
}

/** Vertical dashed lines at the markers' times, under the series, in the tone's colour. */
export function markersPlugin(markers: () => readonly Marker[], colorOf: (tone: Marker['tone']) => string): uPlot.Plugin {
  return {
    hooks: {
      drawAxes: [
        (u: uPlot) => {
          const { ctx } = u;
          const { top, height } = u.bbox;
          const [min, max] = [u.scales.x?.min ?? 0, u.scales.x?.max ?? 0];
          ctx.save();
          ctx.lineWidth = Math.max(1, devicePixelRatio);
          ctx.setLineDash([4 * devicePixelRatio, 3 * devicePixelRatio]);
          for (const m of markers()) {
            if (m.at < min || m.at > max) continue;
            const x = Math.round(u.valToPos(m.at, 'x', true));
            ctx.strokeStyle = colorOf(m.tone);
            ctx.beginPath();
            ctx.moveTo(x, top);
            ctx.lineTo(x, top + height);
            ctx.stroke();
          }
          ctx.restore();
        },
      ],
    },
  };
}
