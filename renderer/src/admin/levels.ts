// Which levels a tally shows: those of the kiosk's scale, plus any other level that has
// ratings (a kiosk switched from 5 to 3 levels mid-range still shows its old answers).
import { LEVEL_KEYS, LEVELS, LEVELS_BY_SCALE, type Level, type Scale } from '../../../shared/rating-scale';
import type { LevelCount } from '../../../shared/tally';

export function visibleLevels(levels: LevelCount[], scale: Scale): LevelCount[] {
  const onScale = LEVELS_BY_SCALE[scale] as readonly Level[];
  return LEVELS.filter((level) => onScale.includes(level) || levels.some((l) => l.level === level && l.count > 0)).map(
    (level) => levels.find((l) => l.level === level) ?? { level, count: 0, percent: null },
  );
}

export function levelKey(level: Level) {
  return `citizen.levels.${LEVEL_KEYS[level]}` as const;
}
