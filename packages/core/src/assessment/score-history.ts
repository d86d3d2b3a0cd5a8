import type { Assessment } from './assessment-schema.js';

/** One score of one completed assessment. */
export interface ScorePoint {
  assessmentId: string;
  /** When the assessment was completed. */
  at: string;
  value: number;
  /** The band as stored at submission (its label in the language the assessment was scored in). */
  band?: { code: string; label: string };
}

/** The history of one score of one instrument (e.g. the PHQ-9 total), oldest first. */
export interface ScoreSeries {
  questionnaireId: string;
  /** The scoring rule's id in the definition (`phq9-total`). */
  scoreId: string;
  /** The definition version of the newest point (look labels and bands up in it). */
  questionnaireVersion: string;
  points: ScorePoint[];
  /** Newest minus oldest value; null with a single point. */
  change: number | null;
}

/**
 * Score histories from a case's (or client's) assessments, for outcomes over time (PHQ-9 at intake,
 * 4 and 8 weeks): one series per instrument and score, oldest point first. Assessments entered in
 * error are left out, and so are incomplete scores (a partial sum is not comparable with a full one).
 * Series are ordered by instrument, then score id.
 */
export function scoreHistory(assessments: readonly Assessment[]): ScoreSeries[] {
  const series = new Map<string, ScoreSeries>();
  const ordered = [...assessments].filter((a) => a.status !== 'entered-in-error').sort((a, b) => a.completedAt.localeCompare(b.completedAt) || a.id.localeCompare(b.id));
  for (const assessment of ordered) {
    for (const [scoreId, score] of Object.entries(assessment.scores)) {
      if (score.value === null || !score.complete) continue;
      const key = `${assessment.questionnaireId}\u0000${scoreId}`;
      let entry = series.get(key);
      if (!entry) series.set(key, (entry = { questionnaireId: assessment.questionnaireId, scoreId, questionnaireVersion: assessment.questionnaireVersion, points: [], change: null }));
      entry.questionnaireVersion = assessment.questionnaireVersion;
      entry.points.push({ assessmentId: assessment.id, at: assessment.completedAt, value: score.value, ...(score.band ? { band: score.band } : {}) });
    }
  }
  for (const entry of series.values()) entry.change = entry.points.length > 1 ? entry.points[entry.points.length - 1]!.value - entry.points[0]!.value : null;
  return [...series.values()].sort((a, b) => a.questionnaireId.localeCompare(b.questionnaireId) || a.scoreId.localeCompare(b.scoreId));
}
