// The asides of the timeline: who trusts the exe link, the proof of concept, stale docs, proposals, deviations.
import type { ReactNode } from "react";
import {
  CHECKPOINT_RESTORE_FACTS,
  DEVIATIONS,
  MAN_PAGE_NOTES,
  PROOF_OF_CONCEPT,
  PROPOSALS,
  TRUST_NOTES,
  commitLink,
  type Note,
} from "../core/history";
import { CommitLink, ExternalLink } from "./external-link";

function Aside({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="mt-5">
      <h3 className="text-lg font-bold">{title}</h3>
      {children}
    </section>
  );
}

function NoteList({ notes }: { notes: readonly Note[] }) {
  return (
    <ul className="mt-1 list-disc space-y-1 pl-5">
      {notes.map((n) => (
        <li key={n.id}>
          <strong>{n.title}:</strong> {n.text}
          {n.source && (
            <>
              {" "}
              <ExternalLink className="link" href={n.source.url}>
                {n.source.label}
              </ExternalLink>
            </>
          )}
        </li>
      ))}
    </ul>
  );
}

function Commit({ id }: { id: string }) {
  return <CommitLink id={id} href={commitLink(id)} />;
}

export function TimelineNotes() {
  const cr = CHECKPOINT_RESTORE_FACTS;
  return (
    <>
      <Aside title="Who trusts the exe link">
        <NoteList notes={TRUST_NOTES} />
      </Aside>

      <Aside title={`The proof of concept: ${PROOF_OF_CONCEPT.title}`}>
        <p className="mt-1">
          By {PROOF_OF_CONCEPT.author} (
          <ExternalLink className="link" href={PROOF_OF_CONCEPT.url}>
            source
          </ExternalLink>
          ). {PROOF_OF_CONCEPT.howItWorks}
        </p>
        <p className="mt-1">A simpler honest demonstration: {PROOF_OF_CONCEPT.simplerDemo}</p>
      </Aside>

      <Aside title="CAP_CHECKPOINT_RESTORE">
        <p className="mt-1">
          Capability {cr.number}, since {cr.since} (<Commit id={cr.commit} />
          ). {cr.why} It allows:
        </p>
        <ul className="mt-1 list-disc space-y-1 pl-5">
          {cr.grants.map((g) => (
            <li key={g.what}>
              {g.what}, checked in {g.checkedIn}
              {"commit" in g && (
                <>
                  {" "}
                  (<Commit id={g.commit} />)
                </>
              )}
            </li>
          ))}
        </ul>
        <p className="mt-1 text-sm">
          Kernel selftest: <code className="break-all">{cr.selftest.path}</code> (
          <Commit id={cr.selftest.commit} />)
        </p>
      </Aside>

      <Aside title="The man pages are stale">
        <NoteList notes={MAN_PAGE_NOTES} />
      </Aside>

      <Aside title="Proposals that were not merged">
        <ul className="mt-1 list-disc space-y-1 pl-5">
          {PROPOSALS.map((p) => (
            <li key={p.id}>
              <strong>
                {p.who}, {p.when}:
              </strong>{" "}
              {p.idea} {p.outcome}
              {p.source && (
                <>
                  {" "}
                  <ExternalLink className="link" href={p.source.url}>
                    {p.source.label}
                  </ExternalLink>
                </>
              )}
            </li>
          ))}
        </ul>
      </Aside>

      <Aside title="Where this emulation differs from real kernels">
        <NoteList notes={DEVIATIONS} />
      </Aside>
    </>
  );
}
