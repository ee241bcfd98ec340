// One project: its name and badges, and the tab the path names (applications, tokens, audit log,
// traffic, webhooks, inbound routes, members, settings), each a screen of its own file.
import { useEffect } from 'react';
import { data, vault } from '../api';
import { LoadError, Loading, useLoad } from '../ui/load';
import { Link } from '../ui/router';
import { ApplicationsTab } from './applications';
import { AuditTab } from './audit';
import { MembersTab } from './members';
import { RoutesTab } from './routes';
import { ProjectSettings } from './settings';
import { TokensTab } from './tokens';
import { TrafficTab } from './traffic';
import { WebhooksTab } from './webhooks';

const TABS: [string, string][] = [
  ['applications', 'Applications'],
  ['tokens', 'Tokens'],
  ['audit', 'Audit log'],
  ['traffic', 'Traffic'],
  ['webhooks', 'Webhooks'],
  ['routes', 'Inbound routes'],
  ['members', 'Members'],
  ['settings', 'Settings'],
];

export function ProjectPage({ id, tab }: { id: string; tab: string }) {
  const project = useLoad(() => data(vault.GET('/api/projects/{id}', { params: { path: { id } } })), [id]);
  const section = TABS.find(([k]) => k === tab)?.[1];
  const name = project.data?.name;
  useEffect(() => {
    document.title = name ? `${section ?? 'Project'} · ${name} · Open Vault` : 'Open Vault';
    return () => {
      document.title = 'Open Vault';
    };
  }, [name, section]);
  if (project.loading && !project.data) return <Loading what="the project" />;
  if (project.error)
    return (
      <>
        <h1 id="page-title">{project.error.status === 404 ? 'Project not found' : 'Project'}</h1>
        <LoadError error={project.error} retry={project.reload} />
        <p>
          <Link to="/projects">Back to projects</Link>
        </p>
      </>
    );
  const p = project.data!;
  const base = `/projects/${encodeURIComponent(id)}`;
  return (
    <>
      <nav aria-label="Breadcrumb" className="crumbs">
        <ol>
          <li>
            <Link to="/projects">Projects</Link>
          </li>
          <li>
            <Link to={`${base}/applications`}>{p.name}</Link>
          </li>
          <li aria-current="page">{section ?? 'Unknown section'}</li>
        </ol>
      </nav>
      <div className="page-head">
        <h1 id="page-title">{p.name}</h1>
        <span className={`badge env-${p.environment}`}>{p.environment}</span>
        {p.require_mfa && <span className="badge">MFA required</span>}
      </div>
      <nav aria-label="Project sections" className="tabs">
        {TABS.map(([key, label]) => (
          <Link key={key} to={`${base}/${key}`} aria-current={tab === key ? 'page' : undefined}>
            {label}
          </Link>
        ))}
      </nav>
      <section aria-label={section ?? 'Section'} className="tab-body">
        {tab === 'applications' && <ApplicationsTab project={p} />}
        {tab === 'tokens' && <TokensTab project={p} />}
        {tab === 'audit' && <AuditTab project={p} />}
        {tab === 'traffic' && <TrafficTab project={p} />}
        {tab === 'webhooks' && <WebhooksTab project={p} />}
        {tab === 'routes' && <RoutesTab project={p} />}
        {tab === 'members' && <MembersTab project={p} />}
        {tab === 'settings' && <ProjectSettings project={p} onSaved={(np) => project.setData(np)} />}
        {!TABS.some(([k]) => k === tab) && <p>Unknown section.</p>}
      </section>
    </>
  );
}
