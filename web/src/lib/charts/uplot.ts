// Loaded on demand by the charts, so uPlot (and its CSS) is not in the first page's JavaScript.
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export default uPlot;
