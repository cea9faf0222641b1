// Shared source references cited by the seeded procedures. Where a Microsoft page exists the
// Microsoft address is used; a few topics are only available from a mirror of the product help.
import type { SeedReference } from "./types";

// --- Exchange Server 2007: operations and monitoring -------------------------------------------

export const REF_MONITORING_AND_OPERATIONS_MANAGEMENT: SeedReference = {
  title: "Exchange Server 2007: Monitoring and Operations Management",
  url: "https://docs.microsoft.com/en-us/previous-versions/office/exchange-server-2007/bb232115(v=exchg.80)",
};

export const REF_MOF_EXCHANGE_2007: SeedReference = {
  title: "Exchange Server 2007: Microsoft Operations Framework",
  // The Exchange 2007 topic, as Microsoft keeps it today under the Exchange 2010 (14.0) archive.
  url: "https://learn.microsoft.com/en-us/previous-versions/exchange-server/exchange-140/bb232042(v=exchg.140)",
};

export const REF_OPERATIONS_MANAGEMENT: SeedReference = {
  title: "Exchange Server 2007: Operations Management",
  url: "http://technet.microsoft.com/en-us/library/bb266969.aspx",
};

export const REF_DAILY_TASKS: SeedReference = {
  title: "Exchange Server 2007: Daily Tasks (Japanese edition)",
  url: "https://technet.microsoft.com/ja-jp/library/bb201705(v=exchg.80)",
};

export const REF_PHYSICAL_ENVIRONMENT_CHECKS: SeedReference = {
  title: "Exchange Server 2007: Performing Physical Environmental Checks",
  url: "http://technet.microsoft.com/en-us/library/bb232044(v=exchg.80)",
};

export const REF_DAILY_CHECKLIST: SeedReference = {
  title: "Exchange Server 2007: Daily Operations Checklist (German edition)",
  url: "https://learn.microsoft.com/de-de/previous-versions/office/exchange-server-2007/bb266916(v=exchg.80)",
};

export const REF_WEEKLY_TASKS: SeedReference = {
  title: "Exchange Server 2007: Weekly Tasks",
  url: "https://technet.microsoft.com/en-us/library/bb201713(v=exchg.80).aspx",
};

export const REF_MONTHLY_TASKS: SeedReference = {
  title: "Exchange Server 2007: Monthly Tasks (Japanese edition)",
  url: "https://technet.microsoft.com/ja-jp/library/bb201737(v=exchg.80)",
};

export const REF_MONTHLY_CHECKLIST: SeedReference = {
  title: "Exchange Server 2007: Monthly Operations Checklist",
  url: "http://unifiedpeople.ru/exchhelp.en/html/5ea535f1-b57a-4fc4-ac9b-0de0c048d009.htm",
};

export const REF_AS_NEEDED_TASKS: SeedReference = {
  title: "Exchange Server 2007: As-Needed Tasks (German edition)",
  url: "http://technet.microsoft.com/de-DE/library/bb201709(v=exchg.80).aspx",
};

export const REF_DR_PREPARATION_CHECKLIST: SeedReference = {
  title: "Exchange Server 2007: Disaster Recovery Preparation Checklist (Japanese edition)",
  url: "https://learn.microsoft.com/ja-jp/previous-versions/office/exchange-server-2007/bb266961(v=exchg.80)",
};

export const REF_MONITORING_WITHOUT_SCOM: SeedReference = {
  title: "Exchange Server 2007: Monitoring without System Center Operations Manager",
  url: "http://unifiedpeople.ru/exchhelp.en/html/b4163c52-cee1-4795-9469-2ed671fab3ef.htm",
};

export const REF_MONITORING_MAILBOX_SERVERS: SeedReference = {
  title: "Exchange Server 2007: Monitoring Mailbox Servers",
  url: "http://technet.microsoft.com/en-us/library/bb201689(v=EXCHG.80).aspx",
};

export const REF_MONITORING_HUB_TRANSPORT_SERVERS: SeedReference = {
  title: "Exchange Server 2007: Monitoring Hub Transport Servers",
  url: "https://learn.microsoft.com/en-us/previous-versions/office/exchange-server-2007/bb201704(v=exchg.80)",
};

export const REF_MONITORING_CLIENT_ACCESS_SERVERS: SeedReference = {
  title: "Exchange Server 2007: Monitoring Client Access Servers",
  url: "http://technet.microsoft.com/en-us/library/bb201674(v=exchg.80).aspx",
};

export const REF_MONITORING_UM_SERVERS: SeedReference = {
  title: "Exchange Server 2007: Monitoring Unified Messaging Servers Without System Center Operations Manager (Norwegian edition)",
  url: "https://learn.microsoft.com/nb-no/previous-versions/office/exchange-server-2007/bb201671(v=exchg.80)",
};

export const REF_PROCESSOR_COUNTERS: SeedReference = {
  title: "Exchange Server 2007: Processor performance counters",
  url: "http://unifiedpeople.ru/exchhelp.en/html/6ba77cd4-8fa8-4bfc-8889-4f775e93410f.htm",
};

export const REF_MOM_2005: SeedReference = {
  title: "Monitoring Exchange Server 2007 with MOM 2005 SP1",
  url: "http://technet.microsoft.com/en-us/library/bb201735.aspx",
};

export const REF_QUEUE_VIEWER: SeedReference = {
  title: "Exchange Server 2007: Queue Viewer – Queues page",
  url: "http://unifiedpeople.ru/exchhelp.en/html/2319ba30-2db2-45de-b078-20ec25f75eaf.htm",
};

export const REF_BACKUP_DATA_BY_ROLE: SeedReference = {
  title: "Exchange Server 2007: What data to back up on each server role",
  url: "http://unifiedpeople.ru/exchhelp.en/html/da80fda2-3dcf-44b3-a16f-0fc12b95c854.htm",
};

export const REF_COMMON_COUNTERS: SeedReference = {
  title: "Exchange Server 2007 SP1–SP3: Common performance counters and thresholds",
  url: "http://unifiedpeople.ru/exchhelp.en/html/d0dd0228-6fc6-4af9-b10c-30f24077cc65.htm",
};

export const REF_BACK_PRESSURE_QUEUE_DISK: SeedReference = {
  title: "Exchange Server 2007: Insufficient disk space for the queue database (back pressure, 4 GB)",
  url: "http://technet.microsoft.com/en-us/library/bb217390.aspx",
};

export const REF_BACK_PRESSURE_RESOURCES: SeedReference = {
  title: "Exchange Server 2007: Back pressure, the resources it watches and events 15001–15005",
  url: "http://unifiedpeople.ru/exchhelp.en/html/da32d8eb-8be6-475e-9a43-8e0c814dea65.htm",
};

export const REF_SLOW_RPC: SeedReference = {
  title: "Exchange Server 2007: Troubleshooting Slow RPC Request Processing",
  url: "https://learn.microsoft.com/en-us/previous-versions/office/exchange-server-2007/cc540464(v=exchg.80)",
};

export const REF_MOM_CHECKPOINT_DEPTH: SeedReference = {
  title: "Exchange Server 2007 Management Pack: Log Generation Checkpoint Depth rule (red above 4,000)",
  url: "https://docs.microsoft.com/en-us/previous-versions/office/exchange-server-operations-management-pack-2007/bb217473(v=exchg.80)",
};

export const REF_MOM_LARGEST_DELIVERY_QUEUE: SeedReference = {
  title: "Exchange Server 2007 Management Pack: Largest Delivery Queue Length (Edge Transport) above 250",
  url: "https://technet.microsoft.com/en-us/library/bb218724(v=exchg.80).aspx",
};

export const REF_EDGE_CLONED_CONFIG: SeedReference = {
  title: "Exchange Server 2007: Using Edge Transport server cloned configuration for disaster recovery",
  url: "https://learn.microsoft.com/en-us/previous-versions/office/exchange-server-2007/bb125150(v=exchg.80)",
};

export const REF_ANTISPAM_UPDATES: SeedReference = {
  title: "Exchange Server 2007: Anti-Spam Updates (SmartScreen updates ended 1 November 2016)",
  url: "https://learn.microsoft.com/en-us/previous-versions/office/exchange-server-2007/bb124241(v=exchg.80)",
};

export const REF_TEST_UMCONNECTIVITY_MP: SeedReference = {
  title: "Exchange Server 2007: Configuring Test-UMConnectivity for the Management Pack",
  url: "http://unifiedpeople.ru/exchhelp.en/html/d52cd588-626f-471e-95ea-78a950280096.htm",
};

// --- Exchange Server 2007: cmdlet reference -----------------------------------------------------

export const REF_CMDLET_GET_QUEUE: SeedReference = {
  title: "Get-Queue (Exchange Server 2007 RTM)",
  url: "https://learn.microsoft.com/en-us/previous-versions/office/exchange-server-2007/bb691288(v=exchg.80)",
};

export const REF_CMDLET_TEST_SERVICEHEALTH: SeedReference = {
  title: "Test-ServiceHealth (Exchange Server 2007, Chinese (Simplified) edition)",
  url: "https://learn.microsoft.com/zh-cn/previous-versions/office/exchange-server-2007/aa998852(v=exchg.80)",
};

export const REF_CMDLET_TEST_MAILFLOW: SeedReference = {
  title: "Test-Mailflow (Exchange Server 2007 RTM, Norwegian edition)",
  url: "https://learn.microsoft.com/nb-no/previous-versions/office/exchange-server-2007/bb676344(v=exchg.80)",
};

export const REF_CMDLET_TEST_MAPICONNECTIVITY: SeedReference = {
  title: "Test-MAPIConnectivity (Exchange Server 2007)",
  url: "https://technet.microsoft.com/en-us/library/bb123681(v=exchg.80).aspx",
};

export const REF_CMDLET_GET_MAILBOXDATABASE: SeedReference = {
  title: "Get-MailboxDatabase (Exchange Server 2007)",
  url: "https://learn.microsoft.com/en-us/previous-versions/office/exchange-server-2007/bb124924(v=exchg.80)",
};

export const REF_CMDLET_GET_STORAGEGROUPCOPYSTATUS: SeedReference = {
  title: "Get-StorageGroupCopyStatus (Exchange Server 2007)",
  url: "https://learn.microsoft.com/en-us/previous-versions/office/exchange-server-2007/aa997246(v=exchg.80)",
};

export const REF_CMDLET_GET_STORAGEGROUP: SeedReference = {
  title: "Get-StorageGroup (Exchange Server 2007)",
  url: "https://learn.microsoft.com/en-us/previous-versions/office/exchange-server-2007/aa998331(v=exchg.80)",
};

export const REF_CMDLET_TEST_REPLICATIONHEALTH: SeedReference = {
  title: "Test-ReplicationHealth (Exchange Server 2007 SP1 and later; no -Identity parameter, Chinese (Simplified) edition)",
  url: "https://learn.microsoft.com/zh-cn/previous-versions/office/exchange-server-2007/bb691314(v=exchg.80)",
};

export const REF_CMDLET_TEST_EDGESYNCHRONIZATION: SeedReference = {
  title: "Test-EdgeSynchronization (Exchange Server 2007)",
  url: "https://learn.microsoft.com/en-us/previous-versions/office/exchange-server-2007/aa996925(v=exchg.80)",
};

export const REF_CMDLET_TEST_OWACONNECTIVITY: SeedReference = {
  title: "Test-OwaConnectivity (Exchange Server 2007, Chinese (Traditional) edition)",
  url: "https://learn.microsoft.com/zh-tw/previous-versions/office/exchange-server-2007/aa997682(v=exchg.80)",
};

export const REF_CMDLET_TEST_ACTIVESYNCCONNECTIVITY: SeedReference = {
  title: "Test-ActiveSyncConnectivity (Exchange Server 2007)",
  url: "https://learn.microsoft.com/en-us/previous-versions/office/exchange-server-2007/bb123540(v=exchg.80)",
};

export const REF_CMDLET_TEST_IMAPCONNECTIVITY: SeedReference = {
  title: "Test-ImapConnectivity (Exchange Server 2007, Italian edition)",
  url: "https://learn.microsoft.com/it-it/previous-versions/office/exchange-server-2007/bb738126(v=exchg.80)",
};

export const REF_CMDLET_TEST_WEBSERVICESCONNECTIVITY: SeedReference = {
  title: "Test-WebServicesConnectivity (Exchange Server 2007 SP1 and later, Chinese (Traditional) edition)",
  url: "https://learn.microsoft.com/zh-tw/previous-versions/office/exchange-server-2007/aa998328(v=exchg.80)",
};

export const REF_CMDLET_TEST_UMCONNECTIVITY: SeedReference = {
  title: "Test-UMConnectivity (Exchange Server 2007, Japanese edition)",
  url: "https://learn.microsoft.com/ja-jp/previous-versions/office/exchange-server-2007/aa997953(v=exchg.80)",
};

export const REF_CMDLET_GET_EVENTLOGLEVEL: SeedReference = {
  title: "Get-EventLogLevel (Exchange Server 2007, Chinese (Traditional) edition)",
  url: "https://learn.microsoft.com/zh-tw/previous-versions/office/exchange-server-2007/bb125129(v=exchg.80)",
};

// --- Exchange Best Practices Analyzer -----------------------------------------------------------

export const REF_EXBPA_SCAN_TYPES: SeedReference = {
  title: "Exchange Best Practices Analyzer: Running a scan (scan types)",
  url: "https://unifiedpeople.ru/exbpa.en/html/1d75861c-6065-4cd4-a0d6-a6719b219311.htm",
};

export const REF_EXBPA_RPC_LATENCY: SeedReference = {
  title: "Exchange Best Practices Analyzer: RPC Averaged Latency",
  url: "http://unifiedpeople.ru/extra.en/html/d97e8f41-97b8-4858-b51c-bcaf48f48607.htm",
};

export const REF_EXBPA_DISK_BOTTLENECK: SeedReference = {
  title: "Exchange Server Analyzer: Disk Bottleneck Detected (database and log disk latency)",
  url: "https://learn.microsoft.com/en-us/previous-versions/office/exchange-server-analyzer/aa995945(v=exchg.80)",
};

export const REF_EXBPA_RPC_BACKOFF: SeedReference = {
  title: "Exchange Best Practices Analyzer: RPC Client Backoff and Server Too Busy",
  url: "http://unifiedpeople.ru/exbpa.en/html/1336a45d-dd40-4143-9714-02f1a8f51cb4.htm",
};

export const REF_EXBPA_LDAP_SEARCH_TIME: SeedReference = {
  title: "Exchange Best Practices Analyzer: LDAP Search Time (50 ms, Exchange 2003 DSAccess)",
  url: "http://unifiedpeople.ru/exbpa.en/html/09088f9f-38c8-4701-b871-85d76733e3ac.htm",
};

// --- Microsoft Operations Framework -------------------------------------------------------------

export const REF_MOF_PROCESS_MODEL_QUADRANTS: SeedReference = {
  title: "MOF Process Model: the four quadrants",
  url: "https://systemscenter.ru/hmc_help.en/html/004286fd-a94e-47b7-b7ed-7273974bd6f5.htm",
};

export const REF_MOF_CHANGING_QUADRANT_SMFS: SeedReference = {
  title: "MOF Process Model components: Changing quadrant SMFs",
  url: "http://systemscenter.ru/hmc_help.en/html/21c5e305-6b8e-4a32-b743-f7c4e9fa2dab.htm",
};

export const REF_MOF_SMF_ALIGNMENT: SeedReference = {
  title: "MOF: Service Management Function alignment to quadrants",
  url: "http://systemscenter.ru/hmc_help.en/html/0f0f8817-3f59-4a60-86c9-b448b91947bf.htm",
};

export const REF_MOF_OPERATING_QUADRANT: SeedReference = {
  title: "MOF: Operating Quadrant",
  url: "http://systemscenter.ru/hmc_help.en/html/5f559fec-cb96-4812-9dc4-bcf5b591bd2f.htm",
};

export const REF_MOF_TEAM_MODEL: SeedReference = {
  title: "MOF Team Model: quality goals and role clusters",
  url: "https://systemscenter.ru/hmc_help.en/html/95850bab-b3da-4ab7-95b7-e000a85d44eb.htm",
};

export const REF_MOF_SERVICE_ROLE_CLUSTER: SeedReference = {
  title: "MOF Team Model: Service Role Cluster",
  url: "https://systemscenter.ru/hmc_help.en/html/c72e7973-52ee-4dad-83bc-be5065419361.htm",
};

// --- Exchange Server 2003 Operations Guide (used where the 2007 material is missing) --------------

export const REF_E2003_SUMMARY_CHECKLIST: SeedReference = {
  title: "Exchange Server 2003 Operations Guide: Summary Checklist",
  url: "https://learn.microsoft.com/en-us/previous-versions/tn-archive/bb123633(v=exchg.65)",
};

export const REF_E2003_DAILY_CHECKLIST: SeedReference = {
  title: "Exchange Server 2003 Operations Guide: Daily Operations Checklist",
  url: "http://technet.microsoft.com/en-us/library/aa996426(v=exchg.65).aspx",
};

export const REF_E2003_DAILY_OPERATIONS: SeedReference = {
  title: "Exchange Server 2003 Operations Guide: Daily Operations",
  url: "https://technet.microsoft.com/en-us/library/bb124459(v=EXCHG.65).aspx",
};

export const REF_E2003_SCHEDULED_MAINTENANCE: SeedReference = {
  title: "Exchange Server 2003 Operations Guide: Scheduled Maintenance Tasks",
  url: "http://technet.microsoft.com/en-us/library/aa997037.aspx",
};

export const REF_E2003_OPERATIONS_GUIDE_INTRO: SeedReference = {
  title: "Exchange Server 2003 Operations Guide: Introduction (on-demand tasks)",
  url: "https://www.scribd.com/doc/7317274/0-Exchange-Server-2003-Operations-Guide-Introduction",
};

export const REF_E2003_UNDERSTANDING_OPERATIONS: SeedReference = {
  title: "Understanding Exchange Server 2003 Operations",
  url: "https://technet.microsoft.com/en-us/library/aa996749(v=exchg.65).aspx",
};

export const REF_E2003_DR_PREPARATION_CHECKLIST: SeedReference = {
  title: "Exchange Server 2003: Disaster Recovery Preparation Checklist",
  url: "http://technet.microsoft.com/en-us/library/aa997354(v=exchg.65).aspx",
};

export const REF_E2003_PROCESSOR_BOUND: SeedReference = {
  title: "Exchange Server 2003: Ruling Out Processor-Bound Problems",
  url: "https://technet.microsoft.com/en-us/library/bb124172(EXCHG.65).aspx",
};

export const REF_EXCHANGE_SMG_DAILY: SeedReference = {
  title: "Microsoft Exchange Service Management Guide: Daily Routine Tasks",
  url: "http://www.microsoft.com/technet/prodtechnol/exchange/guides/ExMgmtGuide/a1ed6fd2-6b7c-43fc-b1b5-2c11ad87b603.mspx",
};

// --- Exchange Server 2010 pages that repeat the Exchange 2007 values -------------------------------

export const REF_E2010_TRANSPORT_COUNTERS: SeedReference = {
  title: "Exchange Server 2010: Transport Server Counters (the Exchange 2007 queue thresholds restated)",
  url: "https://learn.microsoft.com/en-us/previous-versions/exchange-server/exchange-140/ff367923(v=exchg.140)",
};

// --- Secondary sources that restate Microsoft guidance --------------------------------------------

export const REF_TT_HUB_TRANSPORT_HEALTH: SeedReference = {
  title: "TechTarget: Is your Exchange 2007 Hub Transport server healthy?",
  url: "https://searchwindowsserver.techtarget.com/tutorial/Is-your-Exchange-2007-hub-transport-server-healthy",
};

export const REF_WUG_HUB_TRANSPORT_THRESHOLDS: SeedReference = {
  title: "WhatsUp Gold: Exchange Hub Transport server thresholds",
  url: "https://docs.ipswitch.com/NM/69_WhatsUpGoldv16.2/03_Help/1033/Exchange_Active_Monitor_HTS_Thresholds_2.htm",
};

export const REF_WUG_MAILBOX_THRESHOLDS: SeedReference = {
  title: "WhatsUp Gold: Exchange Mailbox server thresholds",
  url: "https://docs.ipswitch.com/NM/65_WhatsUpGoldv163/03_Help/1033/Exchange_Active_Monitor_MBS_Thresholds.htm",
};

export const REF_SOLARWINDS_COMMON_COUNTERS: SeedReference = {
  title: "SolarWinds SAM: Exchange 2007–2010 common performance counters",
  url: "https://documentation.solarwinds.com/en/success_center/sam/content/sam-exchange-2007-2010-common-performance-counters-sw4522.htm",
};

export const REF_TT_MAILBOX_DATABASE_COUNTERS: SeedReference = {
  title: "TechTarget: Track Exchange 2007 mailbox server health using database counters",
  url: "https://searchwindowsserver.techtarget.com/tutorial/Track-Exchange-2007-mailbox-server-health-using-database-counters",
};

export const REF_TT_CAS_COUNTERS: SeedReference = {
  title: "TechTarget: Exchange 2007 Client Access server role counters",
  url: "http://searchexchange.techtarget.com/generic/0,295582,sid43_gci1360211,00.html",
};

export const REF_EMC_OVERVIEW: SeedReference = {
  title: "Exchange Team Blog: The new Exchange 2007 Management Console overview",
  url: "https://techcommunity.microsoft.com/t5/exchange-team-blog/the-new-exchange-2007-management-console-overview/ba-p/603928",
};

export const REF_TT_DC_COUNTERS: SeedReference = {
  title: "TechTarget: Exchange Performance Monitor tracks domain controller communication",
  url: "https://www.techtarget.com/searchwindowsserver/tutorial/Exchange-Performance-Monitor-tracks-domain-controller-communication",
};

export const REF_TT_QUEUE_VIEWER: SeedReference = {
  title: "TechTarget: Using Queue Viewer in Exchange 2007 to prevent mail flow problems",
  url: "http://searchexchange.techtarget.com/tutorial/Using-Queue-Viewer-in-Exchange-2007-to-prevent-mail-flow-problems",
};

// Kept for existing imports. The slide deck (dokumen.tips) is no longer cited: this name now
// stands for Microsoft's page of the first connectivity cmdlet the deck was cited for.
export const REF_TROUBLESHOOTING_TOOLS_DECK: SeedReference = REF_CMDLET_TEST_OWACONNECTIVITY;

export const REF_DATABASE_TROUBLESHOOTER: SeedReference = {
  title: "Windows IT Pro: Exchange 2007 Database Troubleshooter",
  url: "http://windowsitpro.com/systems-management/exchange-2007-database-troubleshooter",
};

// Kept for existing imports. The Exchange 2010 article (guides.wmlcloud.com) and the book excerpt
// (book4u.org.ua) are no longer cited; no Microsoft page on these two Toolbox tools is among the
// sources, so both names stand for the Exchange team's overview of the 2007 console and its Toolbox.
export const REF_MAIL_FLOW_TROUBLESHOOTER: SeedReference = REF_EMC_OVERVIEW;
export const REF_ROUTING_LOG_VIEWER: SeedReference = REF_EMC_OVERVIEW;

export const REF_EXCHANGE_MAINTENANCE_CHECKLIST: SeedReference = {
  title: "Exchange maintenance checklist (weekly ExBPA run)",
  url: "https://www.scribd.com/doc/41795040/Exchange-Maintenance-Checklist",
};
