// "Gói ngôn ngữ" on the diagnostics screen: each language pack found at start, whether it is
// used, and every problem with it, so IT can fix a pack without reading the log.
import { useTranslation } from 'react-i18next';
import type { Diagnostics, LanguagePackProblem, LanguagePackReport } from '../../../shared/kiosk-api';
import { AdminSection } from './AdminSection';
import { formatBytes } from './diagnostics-format';

type T = ReturnType<typeof useTranslation>['t'];
const KNOWN_FIELDS = ['code', 'name', 'version', 'translation'] as const;

function problemText(t: T, p: LanguagePackProblem, lang: string): string {
  const placeholders = (names: readonly string[]) =>
    names.length ? names.map((n) => `{{${n}}}`).join(' ') : t('admin.diagnostics.languagePacks.noPlaceholder');
  switch (p.kind) {
    case 'unreadable':
      return t('admin.diagnostics.languagePacks.problems.unreadable', { detail: p.detail });
    case 'too_large':
      return t('admin.diagnostics.languagePacks.problems.too_large', { size: formatBytes(p.bytes, lang), limit: formatBytes(p.limit, lang) });
    case 'not_json':
      return t('admin.diagnostics.languagePacks.problems.not_json', { line: p.line, column: p.column });
    case 'not_object':
      return t('admin.diagnostics.languagePacks.problems.not_object');
    case 'bad_file_name':
      return t('admin.diagnostics.languagePacks.problems.bad_file_name');
    case 'built_in':
      return t('admin.diagnostics.languagePacks.problems.built_in', { code: p.code });
    case 'missing_field':
      return t('admin.diagnostics.languagePacks.problems.missing_field', { field: p.field });
    case 'unknown_field':
      return t('admin.diagnostics.languagePacks.problems.unknown_field', { field: p.field });
    case 'wrong_field': {
      const field = KNOWN_FIELDS.find((f) => f === p.field);
      const requirement = field ? t(`admin.diagnostics.languagePacks.fields.${field}`) : '';
      return t('admin.diagnostics.languagePacks.problems.wrong_field', { field: p.field, requirement });
    }
    case 'code_mismatch':
      return t('admin.diagnostics.languagePacks.problems.code_mismatch', { code: p.code, fileCode: p.fileCode });
    case 'not_text':
      return t('admin.diagnostics.languagePacks.problems.not_text', { key: p.key });
    case 'placeholders':
      return t('admin.diagnostics.languagePacks.problems.placeholders', { key: p.key, expected: placeholders(p.expected), found: placeholders(p.found) });
    case 'missing_keys':
      return t('admin.diagnostics.languagePacks.problems.missing_keys', { n: p.keys.length, keys: p.keys.join(', ') });
    case 'unknown_keys':
      return t('admin.diagnostics.languagePacks.problems.unknown_keys', { n: p.keys.length, keys: p.keys.join(', ') });
    case 'not_listed':
      return t('admin.diagnostics.languagePacks.problems.not_listed', { code: p.code });
    case 'no_pack':
      return t('admin.diagnostics.languagePacks.problems.no_pack', { code: p.code });
  }
}

function statusText(t: T, r: LanguagePackReport): string {
  return t(`admin.diagnostics.languagePacks.status.${r.status}`, { translated: r.translated, total: r.total });
}

export function LanguagePacksSection({ languagePacks }: { languagePacks: Diagnostics['languagePacks'] }) {
  const { t, i18n } = useTranslation();
  const { dir, packs } = languagePacks;
  return (
    <AdminSection title={t('admin.diagnostics.languagePacks.title')}>
      <dl className="diag-list" data-testid="diag-language-packs">
        <div className="diag-row">
          <dt>{t('admin.diagnostics.languagePacks.folder')}</dt>
          <dd>
            <code>{dir}</code>
          </dd>
        </div>
        {packs.length === 0 ? (
          <div className="diag-row">
            <dt>{t('admin.diagnostics.languagePacks.title')}</dt>
            <dd>{t('admin.diagnostics.languagePacks.none')}</dd>
          </div>
        ) : null}
        {packs.map((r) => (
          <div className="diag-row" key={`${r.file ?? ''}:${r.code}`}>
            <dt>
              {r.name ? `${r.name} ` : null}
              <code>{r.file ?? r.code}</code>
            </dt>
            <dd data-testid={`diag-language-pack-${r.file ?? r.code}`}>
              <span className={r.status === 'accepted' ? 'diag-ok' : r.status === 'not_listed' ? undefined : 'admin-error'}>{statusText(t, r)}</span>
              {r.problems.length > 0 ? (
                <ul className="diag-problems">
                  {r.problems.map((p, i) => (
                    <li key={i}>{problemText(t, p, i18n.language)}</li>
                  ))}
                </ul>
              ) : null}
            </dd>
          </div>
        ))}
      </dl>
    </AdminSection>
  );
}
