import type { History } from '../history/types.js'
import { capReport } from '../report/cap-report.js'
import type { Report } from '../report/types.js'
import { renderDashboardPage } from '../render/html/render-dashboard.js'
import { buildDashboardModel } from './dashboard-model.js'

/** One file of the site: a path relative to its folder and the text. */
export interface SiteFile {
  path: string
  content: string
}

/**
 * The dashboard site: index.html (self-contained), and beside it the history
 * and the head's report it was drawn from, for anyone who wants the numbers.
 */
export function dashboardFiles(
  history: History,
  report: Report,
  generated: string
): { files: SiteFile[]; charts: number } {
  const model = buildDashboardModel(history, report, generated)
  const charts = model.datasets.reduce(
    (sum, d) =>
      sum +
      d.metricCharts.length +
      (d.annotatorChart ? 1 : 0) +
      (d.annotatorWeekChart ? 1 : 0) +
      (d.classChart ? 1 : 0) +
      (d.model?.charts.length ?? 0),
    0
  )
  return {
    files: [
      { path: 'index.html', content: renderDashboardPage(model) },
      {
        path: 'history.json',
        content: `${JSON.stringify(history, null, 2)}\n`
      },
      {
        path: 'report.json',
        content: `${JSON.stringify(capReport(report), null, 2)}\n`
      }
    ],
    charts
  }
}
