// The MOF 3.0 process model as the MOF map explains it: what each quadrant, Service Management
// Function (SMF) and management review is for, in the team's own words, and for each SMF the
// procedure that would fill it when no procedure of the library has it as its home. The codes and
// labels are the library's vocabulary (lib/procedures/vocabulary.ts); this file adds only words.
// Pure data: the map page, its print view and the unit tests read it.
import type { ManagementReview, MofQuadrant, MofSmf } from "@/lib/procedures/vocabulary";

/** The library code of the reading page "How this team runs Exchange 2007 with MOF". */
export const MOF_READING_CODE = "A11" as const;

/** The days the map's completion figures look back over, ending now. */
export const MOF_MAP_WINDOW_DAYS = 30;

/** What each quadrant is about, two or three sentences. */
export const QUADRANT_TEXTS: Record<MofQuadrant, string> = {
  CHANGING:
    "Bringing something new into the messaging service without breaking what works. Changes are proposed, weighed, approved, built, tested and released, and the record of what the service is made of is kept true as it changes.",
  OPERATING:
    "Running the service from one day to the next. The scheduled checks, monitoring, administration and maintenance that keep Exchange healthy live here, and so does most of what operators record in Opsbook.",
  SUPPORTING:
    "Helping the people who use the service and getting it back when it breaks. Calls are taken and logged, service is restored first, and the causes of repeated trouble are then hunted down.",
  OPTIMIZING:
    "Making the service better, safer and cheaper over time. Service levels are agreed and measured, capacity, availability and continuity are planned, and security, cost and skills are kept in order.",
};

/** Where each quadrant's work hands over to the next, round the circle. */
export const QUADRANT_NEXT: Record<MofQuadrant, MofQuadrant> = {
  CHANGING: "OPERATING",
  OPERATING: "SUPPORTING",
  SUPPORTING: "OPTIMIZING",
  OPTIMIZING: "CHANGING",
};

export interface SmfText {
  /** What the function does, two or three sentences. */
  about: string;
  /** What a procedure in this function would do, one sentence, shown when none covers it. */
  gap: string;
}

export const SMF_TEXTS: Record<MofSmf, SmfText> = {
  CHANGE_MANAGEMENT: {
    about:
      "Every change to the service that is not a standard, pre-approved task is recorded, judged for risk and approved before anyone makes it. Changes are scheduled so they do not collide, the people affected are told, and a way back is ready.",
    gap: "A procedure here would take a request for change from submission through risk assessment and approval to a scheduled slot and a check afterwards.",
  },
  CONFIGURATION_MANAGEMENT: {
    about:
      "Keeps an accurate record of what the service consists of: servers and their roles, storage groups, connectors, certificates and software levels, and how they depend on each other. Change, release and incident work are only as good as this record.",
    gap: "A procedure here would compare the recorded configuration of each Exchange server with what is actually running and correct the record.",
  },
  RELEASE_MANAGEMENT: {
    about:
      "Carries approved changes into production as planned releases: built, tested in a lab, rolled out in a known order with a fallback. For Exchange 2007 that is chiefly service packs, update rollups and hotfixes.",
    gap: "A procedure here would plan, test and roll out an update to the servers in order, with a tested way back.",
  },
  SYSTEM_ADMINISTRATION: {
    about:
      "The everyday care of the servers and their surroundings: routine standard tasks, accounts, the server room and keeping each platform as its standard describes. It is the catch-all of the Operating quadrant for work done by the book.",
    gap: "A procedure here would carry out the routine administration of the servers to a documented standard and record it.",
  },
  SECURITY_ADMINISTRATION: {
    about:
      "Puts the security policy into daily practice: reviewing logs, keeping virus and spam definitions current, managing rights and certificates. Security Management sets the rules; this function applies them and watches that they hold.",
    gap: "A procedure here would check every day that the security controls of the messaging servers are in place and working.",
  },
  SERVICE_MONITORING_AND_CONTROL: {
    about:
      "Watches the running service as it runs — queues, services, counters, replication, mail flow — and acts on what it sees before users notice. Most of the daily checklist belongs here.",
    gap: "A procedure here would watch the health of the running service and react to warnings before users are affected.",
  },
  JOB_SCHEDULING: {
    about:
      "Makes sure batch work runs when it should and in the right order: backups, online maintenance, archive and report jobs. It confirms that each job started, finished and did not collide with another.",
    gap: "A procedure here would list the batch jobs of the messaging servers and confirm each ran in its window and finished cleanly.",
  },
  NETWORK_ADMINISTRATION: {
    about:
      "Looks after the network the service rides on: links between sites, DNS, firewalls, and the routes mail takes into and out of the organisation. For Exchange it matters most at the Edge and between sites.",
    gap: "A procedure here would check the name resolution, links and firewall paths that mail and clients depend on.",
  },
  DIRECTORY_SERVICES_ADMINISTRATION: {
    about:
      "Keeps Active Directory healthy for Exchange: domain controllers and global catalogs reachable and quick, replication working, objects correct. Exchange 2007 keeps its configuration in the directory, so directory trouble soon becomes mail trouble.",
    gap: "A procedure here would check that the domain controllers Exchange uses answer quickly and replicate.",
  },
  STORAGE_MANAGEMENT: {
    about:
      "Manages where the data lives and how it is protected: disk space, databases and transaction logs, backups, restores and archives. It also decides how long data is kept and proves it can be brought back.",
    gap: "A procedure here would check disk space, backups and the ability to restore the service's data.",
  },
  PRINT_AND_OUTPUT_MANAGEMENT: {
    about:
      "Looks after the output the service produces for people — printed and generated reports, faxes — and its safe delivery and disposal. In a messaging team it is usually a small function.",
    gap: "A procedure here would check that reports and other output of the messaging service reach the right people and are disposed of safely.",
  },
  SERVICE_DESK: {
    about:
      "The single point of contact for the people who use the service. It logs every call and request, solves what it can at once and hands the rest on with the facts gathered.",
    gap: "A procedure here would set out how messaging calls are logged, answered at first contact and passed on to the team.",
  },
  INCIDENT_MANAGEMENT: {
    about:
      "Brings normal service back as fast as possible after something breaks, and keeps a record of what happened, who did what and when. Restoring comes first; finding the cause comes after.",
    gap: "A procedure here would take an incident from detection through restoring service to its closing record.",
  },
  PROBLEM_MANAGEMENT: {
    about:
      "Looks behind repeated or serious incidents for their underlying cause and removes it, usually through a change. Workarounds become known errors, and known errors become fixes.",
    gap: "A procedure here would review recurring incidents, find their root cause and raise the change that removes it.",
  },
  SERVICE_LEVEL_MANAGEMENT: {
    about:
      "Agrees with the business what service it will get — availability, delivery times, support hours — and measures whether it got it. The figures feed the SLA review.",
    gap: "A procedure here would measure the service against its agreed levels and report the result.",
  },
  CAPACITY_MANAGEMENT: {
    about:
      "Makes sure the service has enough processor, memory, disk and network for today and for the growth ahead, at a sensible cost. It turns trends in the recorded figures into plans.",
    gap: "A procedure here would turn usage trends into a forecast and a plan for more capacity before it runs out.",
  },
  AVAILABILITY_MANAGEMENT: {
    about:
      "Designs and improves the service so that it is there when people need it: redundancy, clustering and continuous replication, maintenance windows that fit. It studies outages to raise availability over time.",
    gap: "A procedure here would review outages and the design of the service and propose changes that raise its availability.",
  },
  IT_SERVICE_CONTINUITY_MANAGEMENT: {
    about:
      "Prepares for the day a disaster strikes: recovery plans, standby systems and rehearsed recoveries. The aim is a service restored within an agreed time after a major loss, by people who have practised it.",
    gap: "A procedure here would keep the disaster recovery plan current and rehearse it.",
  },
  SECURITY_MANAGEMENT: {
    about:
      "Sets the security policy and checks that it protects the service: risks assessed, controls chosen, audits held. Security Administration carries the policy out day to day.",
    gap: "A procedure here would assess the security risks of the messaging service and audit its controls against the policy.",
  },
  FINANCIAL_MANAGEMENT: {
    about:
      "Accounts for what the service costs and, where the organisation wants it, charges for it. It gives the other functions the cost side of their decisions.",
    gap: "A procedure here would gather what the messaging service costs — licences, hardware, storage, support — and report it.",
  },
  WORKFORCE_MANAGEMENT: {
    about:
      "Makes sure the team has the people and skills the service needs: staffing, roles, training and bringing new hires up to speed. Opsbook's reading lists and acknowledgements are part of it.",
    gap: "A procedure here would plan the team's staffing and training and check that everyone has read what their work needs.",
  },
  INFRASTRUCTURE_ENGINEERING: {
    about:
      "Coordinates the engineering of the infrastructure across the other functions: standards, architecture and the technical work that projects need. It keeps designs consistent as the service grows.",
    gap: "A procedure here would keep the messaging architecture and its build standards documented and reviewed.",
  },
};

export interface ReviewText {
  /** The quadrants the review stands between, in the order of the circle. */
  from: MofQuadrant;
  to: MofQuadrant;
  /** What the review decides, one or two sentences. */
  about: string;
}

/** The four management reviews of MOF 3.0, each at a turn of the circle. They are not SMFs. */
export const REVIEW_TEXTS: Record<ManagementReview, ReviewText> = {
  CHANGE_INITIATION: {
    from: "OPTIMIZING",
    to: "CHANGING",
    about: "Decides whether a proposed change or release should go ahead and be built at all.",
  },
  RELEASE_READINESS: {
    from: "CHANGING",
    to: "OPERATING",
    about: "Decides whether a release is ready for production, and whether operations is ready to run it.",
  },
  OPERATIONS: {
    from: "OPERATING",
    to: "SUPPORTING",
    about: "Looks back on how operations went — work done, missed and failed, incidents — and agrees actions with owners.",
  },
  SLA: {
    from: "SUPPORTING",
    to: "OPTIMIZING",
    about: "Compares the service delivered with the levels agreed and decides what must improve.",
  },
};

/** The reviews in the order of the circle, starting where Changing begins. */
export const REVIEW_ORDER: readonly ManagementReview[] = ["CHANGE_INITIATION", "RELEASE_READINESS", "OPERATIONS", "SLA"];
