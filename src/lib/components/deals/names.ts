// Names of pipelines and stages for people, and deal counts ("1 deal", "2,857 deals"). The default pipeline's names are shown in the
// interface language as long as the workspace has not renamed them; a renamed stage shows
// the workspace's own name.
import { defaultPipeline, type Pipeline, type Stage } from '@carnet/schema';
import { formatNumber, type Locale } from '$lib/i18n';

const DEFAULT = defaultPipeline();

export function stageName(locale: Locale, stage: Stage): string {
  const standard = DEFAULT.stages.find((s) => s.id === stage.id);
  return standard && standard.name === stage.name ? locale.label(`deals.stage.${stage.id}`, stage.name) : stage.name;
}

export function pipelineName(locale: Locale, pipeline: Pipeline): string {
  return pipeline.id === DEFAULT.id && pipeline.name === DEFAULT.name ? locale.t('deals.defaultPipeline') : pipeline.name;
}

export function countDeals(locale: Locale, n: number): string {
  return n === 1 ? locale.t('deals.count.one') : locale.t('deals.count.many', { n: formatNumber(locale.tag, n) });
}
