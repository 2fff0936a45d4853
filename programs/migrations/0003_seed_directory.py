"""The directory's first content: every program, resource, form, contact, field office and FAQ
named in the source pages (shared/seeds 000–004 and shared/data), rewritten in our own words
with every fact kept. After this migration the content belongs to the editors in the admin.

Figures quoted from older ICE pages are labelled with the period they describe, so an officer
never mistakes a 2006 number for a current one.
"""

from datetime import date

from django.db import migrations

REVIEWED = date(2026, 11, 29)

CATEGORIES = [
    (
        "information-sharing",
        "Information Sharing",
        "Systems and records through which ICE shares information with federal, state, local, "
        "tribal and territorial law-enforcement agencies.",
    ),
    (
        "immigration-law-enforcement",
        "Immigration Law-Enforcement Resources",
        "Programs, tools and forms for agencies that encounter noncitizens in custody or on "
        "patrol: status checks, detainers, 287(g) agreements, fugitive operations and detention.",
    ),
    (
        "criminal-law-enforcement",
        "Criminal Law-Enforcement Resources",
        "ICE investigations that state, local and tribal partners join or refer cases to: child "
        "exploitation, gangs, drugs, smuggling and trafficking, fraud, cyber crime and "
        "intellectual property.",
    ),
    (
        "ice-access",
        "ICE ACCESS Programs",
        "Agreements of Cooperation in Communities to Enhance Safety and Security: the menu of "
        "partnerships a local agency can build with ICE after a joint assessment of its needs.",
    ),
    (
        "forms",
        "Forms",
        "Forms and reporting channels for criminal-justice partners, including the online "
        "stakeholder request and the cyber-incident report.",
    ),
    (
        "protective-and-emergency-services",
        "Protective and Emergency Services",
        "Security, protective and emergency-response services that were part of ICE when the "
        "Federal Protective Service belonged to it.",
    ),
    (
        "about-ice",
        "About ICE",
        "How ICE is organized and the offices that partners most often deal with.",
    ),
]

# Each program: slug, name, acronym, aliases (list), component, categories (slugs),
# summary, body, contacts, links, related (slugs), feature.
PROGRAMS = [
    {
        "slug": "foia-library",
        "name": "FOIA Library",
        "acronym": "FOIA",
        "aliases": ["Freedom of Information Act", "FOIA reading room", "electronic reading room"],
        "component": "ICE",
        "categories": ["information-sharing"],
        "summary": "ICE records that the Freedom of Information Act requires to be open to "
        "public inspection online, arranged by program and issue.",
        "body": """Under the Freedom of Information Act (FOIA), federal agencies must publish certain kinds of records electronically so that anyone can inspect them without filing a request.

ICE's FOIA Library collects those records and sorts them by ICE program or subject, which makes it a quick first stop for an agency that needs ICE policies, statistics or other released documents before it asks ICE directly.""",
        "links": [
            (
                "ICE FOIA Library",
                "https://www.ice.gov/foia/library",
                "page",
                "Records sorted by program and subject.",
            ),
        ],
    },
    {
        "slug": "law-enforcement-support-center",
        "name": "Law Enforcement Support Center",
        "acronym": "LESC",
        "aliases": [
            "Law Enforcement Support Centre",
            "LESC Williston",
            "Immigration Alien Query",
            "IAQ",
            "NLETS immigration query",
            "NCIC immigration hit confirmation",
        ],
        "component": "ERO",
        "categories": ["information-sharing", "immigration-law-enforcement", "ice-access"],
        "summary": "ICE's national round-the-clock center in Williston, Vermont, that answers "
        "officers' questions on the immigration status and identity of people they arrest or "
        "investigate.",
        "body": """The Law Enforcement Support Center (LESC) in Williston, Vermont, is staffed 24 hours a day, 7 days a week, 365 days a year. It is ICE's national point of contact for federal, state, local and tribal officers who are investigating or have arrested a foreign-born person involved in criminal activity, whether suspected, arrested or convicted, and it serves as a national enforcement operations center.

Its mission is to protect the United States and its people by giving the law-enforcement community timely, accurate information and help: immigration status, identity information, customs information and real-time assistance.

The LESC helps agencies in two main ways:

- Status queries over NLETS. An agency sends an Immigration Alien Query (IAQ) through the National Law Enforcement Telecommunications System; electronic access is available in all 50 states. A trained technician researches each query and returns a written answer to the requesting agency's ORI, the code that identifies that agency. ICE's partner page reported more than 1.3 million such requests answered over two fiscal years.
- Confirming NCIC hits. The LESC is ICE's single point of contact when an officer's check of the National Crime Information Center (NCIC) returns a possible immigration violator. A hit is only a name match until the officer confirms it with the LESC, and LESC special agents work with the officer to confirm it within the 10 minutes NCIC allows.

In some cases the LESC gives an enhanced response: its technicians and special agents contact the department or the investigating officer directly with more information and help. An enhanced response can be prompted by what the officer wrote in the remarks section of the IAQ or by what the LESC itself develops.

To answer, the LESC draws on 8 DHS databases, NCIC, the Interstate Identification Index (III) and state criminal-history indices; ICE's own databases searched by its technicians hold, in ICE's words, approximately 100,000 million records. The center also supports a number of multi-agency investigative initiatives.

The LESC's trained staff maintain NCIC's Immigration Violators File, which holds previously deported aggravated felons, immigration fugitives and people wanted on ICE criminal warrants; nearly 160,000 immigration-violator records had been entered. When the LESC and an officer confirm an NCIC hit, an LESC special agent always places an immigration detainer and the local ICE office is told everything it needs about the case. ICE's partner page counted more than 12,000 detainers placed by the LESC over two years, and a further 15,472 cases in which agents placed detainers on people in the country illegally.

The LESC is also home to the DHS Tip Line, opened in the summer of 2003 (see the ICE Tip Line).""",
        "contacts": [
            {
                "label": "LESC, for law-enforcement officers",
                "phone": "(802) 872-6000",
                "is_24_7": True,
                "note": "Williston, Vermont. Have the subject's identifiers ready; NCIC hits must be confirmed within 10 minutes.",
            },
        ],
        "related": [
            "immigration-detainer-notice-of-action",
            "ice-tip-line",
            "287g-program",
            "criminal-apprehension-program",
        ],
    },
    {
        "slug": "287g-program",
        "name": "287(g) Program",
        "acronym": "287(g)",
        "aliases": [
            "287g",
            "287 g",
            "Section 287(g)",
            "Section 287(g) Immigration and Nationality Act",
            "Immigration Cross-Designation (Title 8)",
            "Title 8 cross-designation",
            "delegation of immigration authority",
            "287(g) MOA",
            "Task Force model",
            "Warrant Service Officer",
            "WSO",
            "Jail Enforcement model",
        ],
        "component": "ERO",
        "categories": ["immigration-law-enforcement", "ice-access"],
        "feature": "287g",
        "summary": "Agreements under Section 287(g) of the Immigration and Nationality Act that "
        "let trained state and local officers carry out limited immigration-enforcement "
        "functions under ICE supervision.",
        "body": """Section 287(g) was written into the Immigration and Nationality Act (INA) by the Illegal Immigration Reform and Immigrant Responsibility Act of 1996 (IIRIRA), passed by Congress as part of that year's amendments. It authorizes the ICE Director to sign agreements with state and local law-enforcement agencies under which designated, properly trained officers perform limited immigration-enforcement functions.

Officers working under a 287(g) agreement must complete the required training and act under the supervision of ICE Enforcement and Removal Operations (ERO) officers. ICE gives them the training and then the authorization to identify and process immigration offenders, and to detain them where appropriate, when they meet them in the course of their ordinary daily work. The program cross-designates local officers (Title 8 cross-designation) and is one of the ICE ACCESS partnerships.

ICE describes the program as a force multiplier built on closer cooperation and communication with state and local agencies: partner officers help identify and arrest foreign-born people with criminal charges or convictions who are in jail, and serve warrants and detainers on them. Because people amenable to removal are identified while still in secure state or local custody, their time in custody can be shorter, fewer criminal offenders are released back into the community without an immigration check, and ICE can act inside a controlled jail setting instead of making at-large arrests, which carry risks for officers and the public and can lead to collateral arrests. ICE reports that gang members, sex offenders and murderers are often identified this way and taken into ICE custody at the end of their sentences.

Participation has grown a great deal. When ICE first published its ICE ACCESS page, more than 60 municipal, county and state agencies had asked for 287(g) memoranda of agreement (MOAs) and more than 400 officers had been trained. ICE's list of participating agencies of 18 July 2025 shows 832 signed agreements with 690 agencies in 40 states: 415 under the Task Force model, 300 under the Warrant Service Officer model and 117 under the Jail Enforcement model. The map and table below show the agreements state by state.""",
        "contacts": [],
        "links": [
            (
                "287(g) program on ICE.gov",
                "https://www.ice.gov/identify-and-arrest/287g",
                "page",
                "Current participating agencies and how to apply.",
            ),
        ],
        "related": ["ice-access", "criminal-apprehension-program", "ero-field-offices"],
    },
    {
        "slug": "criminal-apprehension-program",
        "name": "Criminal Apprehension Program",
        "acronym": "CAP",
        "aliases": ["Criminal Alien Program", "jail screening"],
        "component": "ERO",
        "categories": ["immigration-law-enforcement", "ice-access"],
        "summary": "Identifies removable noncitizens held in federal, state and local jails and "
        "prisons, and at-large criminal noncitizens, so they are not released into the community.",
        "body": """The Criminal Apprehension Program (CAP), earlier called the Criminal Alien Program, gives direction and support across ICE for identifying and arresting noncitizens who are incarcerated in federal, state and local correctional facilities, as well as criminal noncitizens who are at large.

Its aim is to find removable people while they are still serving their sentences and to obtain a final order of removal before the sentence ends, so that they are not released into the community. CAP is one of the ICE ACCESS partnerships open to local agencies.""",
        "related": [
            "287g-program",
            "law-enforcement-support-center",
            "immigration-detainer-notice-of-action",
        ],
    },
    {
        "slug": "detention-management",
        "name": "Detention Management",
        "acronym": "",
        "aliases": [
            "Detention Management Division",
            "immigration detention",
            "Detention and Removal",
            "DRO",
        ],
        "component": "ERO",
        "categories": ["immigration-law-enforcement"],
        "summary": "ERO's division that runs the largest civil detention system in the United "
        "States, using more than 250 local and state facilities.",
        "body": """The Detention Management Division sits within Enforcement and Removal Operations (ERO), which was earlier called the Office of Detention and Removal Operations (DRO). It oversees the nation's largest civil detention system, made up of more than 250 local and state facilities.

Because of what immigration detention is for, the people in ICE custody are among the most transient and diverse populations held by any correctional or detention system in the world. Agencies that hold ICE detainees under contract, or that want to, deal with this division.""",
        "related": [
            "alternatives-to-detention",
            "online-detainee-locator-system",
            "air-transportation-unit",
        ],
    },
    {
        "slug": "immigration-detainer-notice-of-action",
        "name": "Immigration Detainer – Notice of Action",
        "acronym": "",
        "aliases": [
            "DHS ICE Immigration Detainer",
            "detainer",
            "ICE detainer",
            "immigration hold",
            "detainer form",
            "Notice of Action form",
        ],
        "component": "ERO",
        "categories": ["immigration-law-enforcement", "forms"],
        "summary": "The DHS form that asks a law-enforcement agency to keep custody of a person "
        "wanted for an immigration violation for up to 48 hours so that ICE can take custody.",
        "body": """The Immigration Detainer – Notice of Action is the DHS form by which ICE tells a law-enforcement agency that it wants custody of a person held there for an immigration violation.

The detainer asks the agency to keep the person for no more than 48 hours, not counting Saturdays, Sundays and holidays, after the time the person would otherwise have been released, so that ICE can assume custody.

When a National Crime Information Center hit on an immigration violator is confirmed with the Law Enforcement Support Center, an LESC special agent places the detainer. Questions about a detainer an agency has received go to the ICE field office named on it, or to the LESC at any hour.""",
        "contacts": [
            {
                "label": "Questions about a detainer, any hour (LESC)",
                "phone": "(802) 872-6000",
                "is_24_7": True,
            },
        ],
        "related": [
            "law-enforcement-support-center",
            "criminal-apprehension-program",
            "ero-field-offices",
        ],
    },
    {
        "slug": "ero-field-offices",
        "name": "ERO Field Offices and Field Liaisons",
        "acronym": "ERO",
        "aliases": [
            "Enforcement and Removal Operations field liaisons",
            "field office",
            "field liaison",
            "area of responsibility",
            "AOR",
            "ICE office near me",
        ],
        "component": "ERO",
        "categories": ["immigration-law-enforcement", "ice-access"],
        "feature": "field_offices",
        "summary": "The 25 ERO field offices, the states and territories each one covers, and "
        "how to reach its outreach liaison.",
        "body": """Enforcement and Removal Operations works through 25 field offices, each responsible for an area of one or more states or territories. Texas, California and New York are divided between several offices by region or county.

The field-office page of this portal shows every office on a map and in a plain list, with its address, main telephone number and outreach mailbox, and lets you pick a state or territory to see which office covers it. Each office's outreach mailbox follows the pattern City.Outreach@ice.dhs.gov.

Agencies interested in ICE ACCESS partnerships, including 287(g), are asked to start with their local ICE office.""",
        "links": [
            (
                "ERO field offices on a map",
                "/directory/field-offices/",
                "tool",
                "Find the office that covers your state or territory.",
            ),
            ("Field offices on ICE.gov", "https://www.ice.gov/contact/field-offices", "page", ""),
        ],
        "related": ["287g-program", "ice-access", "detention-management"],
    },
    {
        "slug": "fugitive-operations",
        "name": "National Fugitive Operations Program",
        "acronym": "NFOP",
        "aliases": [
            "Fugitive Operations",
            "Fugitive Operation Teams",
            "FOT",
            "FOTs",
            "fugitive aliens",
            "Joint Fugitive Task Forces",
        ],
        "component": "ERO",
        "categories": ["immigration-law-enforcement", "ice-access"],
        "summary": "ERO teams that find, arrest and remove fugitive noncitizens, giving top "
        "priority to those convicted of crimes; local agencies can join through joint fugitive "
        "task forces.",
        "body": """The National Fugitive Operations Program (NFOP) identifies, locates, arrests, processes and removes removable noncitizens. Its targets are people convicted of crimes, fugitives who ignored a final order of removal, people who were removed and came back, and people who entered the United States illegally or otherwise undermine the immigration laws and border control.

The work is done by Fugitive Operation Teams (FOTs). Their first priority is fugitives with criminal convictions. Their wider goal, as ICE set it, is to clear the backlog of fugitive cases and to make the number of people deported each year equal to the number of final orders of removal that the immigration courts issue.

ICE says it cannot remove every removable person without help from federal, state and local law-enforcement agencies. One way an outside agency can help the FOTs is to take part in a local Joint Fugitive Task Force.""",
        "related": [
            "criminal-apprehension-program",
            "law-enforcement-support-center",
            "ero-field-offices",
        ],
    },
    {
        "slug": "online-detainee-locator-system",
        "name": "Online Detainee Locator System",
        "acronym": "ODLS",
        "aliases": [
            "detainee locator",
            "find a detainee",
            "locator.ice.gov",
            "ICE detainee search",
        ],
        "component": "ERO",
        "categories": ["immigration-law-enforcement", "information-sharing"],
        "summary": "Public online search that shows which facility holds a person in ICE "
        "custody, by A-number or by biographical details.",
        "body": """The Online Detainee Locator System (ODLS) tells you which detention facility is holding a particular noncitizen in ICE custody. Search by the person's Alien Registration Number (A-number) or by certain biographical details.

It is open to the public, so officers can also give the address to families and to court or probation staff who are trying to find a person.""",
        "links": [
            (
                "Online Detainee Locator System",
                "https://locator.ice.gov/odls",
                "tool",
                "Search by A-number or by name, country of birth and date of birth.",
            ),
        ],
        "related": ["detention-management", "criminal-justice-stakeholder-forms"],
    },
    {
        "slug": "removal-statistics",
        "name": "Removal Statistics",
        "acronym": "",
        "aliases": ["deportation statistics", "ICE statistics", "annual removals"],
        "component": "ERO",
        "categories": ["immigration-law-enforcement", "information-sharing"],
        "summary": "ICE's yearly figures on noncitizens removed from the United States and the "
        "share of removals within ICE's enforcement priorities.",
        "body": """ICE publishes statistics each year on the noncitizens it removed from the United States, together with the proportion of those removals that fell within ICE's enforcement priorities.

The figures help agencies and policymakers see the scale and focus of ICE's removal work.""",
        "related": ["detention-management", "fugitive-operations"],
    },
    {
        "slug": "tool-kit-for-prosecutors",
        "name": "Tool Kit for Prosecutors",
        "acronym": "",
        "aliases": [
            "prosecutor tool kit",
            "prosecutors toolkit",
            "immigration consequences of convictions",
            "witness parole",
            "S visa",
        ],
        "component": "OPLA",
        "categories": ["immigration-law-enforcement"],
        "summary": "Guidance for prosecutors where immigration enforcement and criminal "
        "prosecution meet, including keeping or bringing noncitizen witnesses for trial.",
        "body": """The Tool Kit for Prosecutors explains the many points where immigration enforcement and criminal prosecution meet.

It covers how to keep in the United States a noncitizen who would otherwise be removed, and how to bring in a noncitizen who is not authorized to enter the country, so that the person can testify at a criminal trial. It also sets out the immigration consequences of criminal convictions, which prosecutors and defense counsel need to weigh in charging and plea decisions.""",
        "related": ["criminal-justice-stakeholder-forms", "office-of-the-principal-legal-advisor"],
    },
    {
        "slug": "operation-predator",
        "name": "Operation Predator (Child Exploitation)",
        "acronym": "",
        "aliases": [
            "Child Exploitation",
            "Child Exploitation - Operation Predator",
            "child predators",
            "child sex tourism",
            "Megan's Law",
            "National Child Victim Identification System",
            "NCMEC",
            "Virtual Global Taskforce",
            "Virtual Global Task Force",
            "VGT",
        ],
        "component": "HSI",
        "categories": ["criminal-law-enforcement", "ice-access"],
        "summary": "ICE's child-exploitation initiative, run by the Cyber Crimes Center, which "
        "targets predators with an international or border link, often with local partners.",
        "body": """Operation Predator is ICE's initiative to protect children from people who exploit them. It identifies, investigates and, where appropriate, administratively deports child predators, and it is managed by the ICE Cyber Crimes Center (C3).

Working often with state, local and tribal agencies, ICE investigates child pornographers, child sex tourists and those who facilitate them, human smugglers and traffickers of minors, criminal noncitizens convicted of offenses against minors, and people removed for child-exploitation offenses who have come back illegally.

ICE's child-exploitation cases are those with an international border nexus. Other agencies handle the rest: the U.S. Postal Inspection Service investigates child pornography sent through the U.S. mail, and the FBI investigates domestic child-exploitation crimes.

ICE regularly coordinates with foreign law enforcement to identify, arrest and prosecute the leaders of international pedophile groups and those who profit from commercial child exploitation. As part of the initiative ICE built a single web portal to all publicly available Megan's Law databases, began building a National Child Victim Identification System, and formed an alliance with the National Center for Missing & Exploited Children (NCMEC). ICE is also the U.S. law-enforcement representative to the Virtual Global Taskforce, an international alliance of law-enforcement agencies working to make the Internet safer.""",
        "related": ["cyber-crimes-center", "human-smuggling-and-trafficking", "ice-tip-line"],
    },
    {
        "slug": "drug-enforcement-task-forces",
        "name": "Drug Enforcement Task Forces",
        "acronym": "",
        "aliases": [
            "HIDTA",
            "High Intensity Drug Trafficking Area",
            "OCDETF",
            "Organized Crime Drug Enforcement Task Force",
            "narcotics",
            "drug trafficking",
        ],
        "component": "HSI",
        "categories": ["criminal-law-enforcement"],
        "summary": "ICE's money-laundering and bulk-cash expertise brought to drug cases, and its "
        "seats on HIDTA and OCDETF task forces with state, local and tribal partners.",
        "body": """ICE attacks drug trafficking through the money: its investigators bring their expertise in money laundering and bulk cash smuggling to drug cases.

ICE also works beside state, local and tribal partners on many High Intensity Drug Trafficking Area (HIDTA) task forces and Organized Crime Drug Enforcement Task Forces (OCDETF).""",
        "related": [
            "operation-firewall",
            "asset-forfeiture",
            "border-enforcement-security-task-forces",
        ],
    },
    {
        "slug": "ice-tip-line",
        "name": "ICE Tip Line",
        "acronym": "",
        "aliases": [
            "tip line",
            "DHS Tip Line",
            "HSI tip line",
            "report suspicious activity",
            "tip form",
            "1-866-DHS-2-ICE",
        ],
        "component": "HSI",
        "categories": ["criminal-law-enforcement", "forms"],
        "summary": "Telephone line and online form for reporting drug and human trafficking, "
        "gang activity, terrorism and other threats to ICE.",
        "body": """The ICE Tip Line takes reports by telephone and online about drug trafficking, human trafficking, gang activity, terrorism and many other threats.

The line grew out of the DHS Tip Line, which DHS started in the summer of 2003 and which is housed at the Law Enforcement Support Center. In the period ICE's partner page describes, it had taken more than 126,000 calls from the public about violations of immigration and customs law; about half held enough detail to be sent to ICE field offices for further evaluation, and tips led to many significant prosecutions and arrests for federal and local crimes.""",
        "contacts": [
            {"label": "ICE Tip Line", "phone": "1-866-DHS-2-ICE", "note": "Dial 1-866-347-2423."},
        ],
        "links": [
            ("ICE online tip form", "https://www.ice.gov/webform/ice-tip-form", "form", ""),
        ],
        "related": [
            "law-enforcement-support-center",
            "operation-community-shield",
            "human-smuggling-and-trafficking",
        ],
    },
    {
        "slug": "human-smuggling-and-trafficking",
        "name": "Human Smuggling and Trafficking",
        "acronym": "",
        "aliases": ["Human Smuggling", "human trafficking", "victim assistance", "alien smuggling"],
        "component": "HSI",
        "categories": ["criminal-law-enforcement"],
        "summary": "ICE's enforcement initiatives against human smuggling and trafficking, its "
        "help for victims and its public outreach.",
        "body": """ICE investigates human smuggling and human trafficking. Its work combines enforcement initiatives, assistance to victims and outreach to the public.

Partners who come across possible victims or smuggling organizations can report them through the ICE Tip Line or to their local ICE office.""",
        "related": [
            "ice-tip-line",
            "operation-predator",
            "border-enforcement-security-task-forces",
        ],
    },
    {
        "slug": "operation-community-shield",
        "name": "Operation Community Shield",
        "acronym": "",
        "aliases": [
            "gang enforcement",
            "gangs",
            "MS-13",
            "Mara Salvatrucha",
            "transnational gangs",
            "street gangs",
        ],
        "component": "HSI",
        "categories": ["criminal-law-enforcement", "ice-access"],
        "summary": "ICE's national initiative, launched in February 2005, that brings all of its "
        "powers to bear on violent transnational gangs with local, state, tribal and foreign partners.",
        "body": """ICE launched Operation Community Shield in February 2005 as a national law-enforcement initiative that uses every ICE authority against violent transnational gangs that threaten public safety.

The first target was Mara Salvatrucha, known as MS-13, one of the most violent and fastest-growing street gangs. In May 2005 ICE widened the operation to every criminal street gang that threatens national security or public safety.

ICE works with federal, state, local, tribal and foreign partners to find, investigate, arrest and prosecute gang members and associates, to remove them from the United States where the law allows, and ultimately to disrupt and dismantle gang organizations. It uses both criminal and administrative authorities, including investigations of narcotics and human smuggling, money laundering and racketeering.""",
        "related": ["ice-tip-line", "drug-enforcement-task-forces"],
    },
    {
        "slug": "cyber-crimes-center",
        "name": "Cyber Crimes Center",
        "acronym": "C3",
        "aliases": [
            "C-3",
            "ICE Cyber Crimes Center",
            "HSI Cyber Crimes Center",
            "Computer Forensics Section",
            "Child Exploitation Section",
            "Cyber Crimes Section",
            "digital forensics training",
        ],
        "component": "HSI",
        "categories": ["criminal-law-enforcement"],
        "summary": "ICE's center for crimes committed on or through the Internet with a customs "
        "or immigration link, and for cyber and digital-forensics training for partners.",
        "body": """The ICE Cyber Crimes Center (C3) investigates domestic and international criminal activity carried out on or facilitated by the Internet. It brings ICE's key cyber units together in one facility: the Child Exploitation Section, the Computer Forensics Section and the Cyber Crimes Section.

C3 develops and checks leads from domestic and international sources and passes hundreds of leads to foreign law-enforcement agencies. It manages Operation Predator, ICE's child-exploitation initiative.

C3 works the cyber side of customs and immigration crime: international money laundering, intellectual-property violations, the online sale of fraudulent immigration documents, and child exploitation with an international border nexus. It does not take cases of purely domestic hacking or online identity theft and fraud; the U.S. Secret Service and the FBI investigate those.

C3 trains international, federal, state and local agencies in cyber crime, and offers technical courses on cyber investigations and digital forensics when partners ask for them.""",
        "related": [
            "operation-predator",
            "cyber-incident-reporting",
            "cyber-training-resources",
            "ipr-center",
        ],
    },
    {
        "slug": "ipr-center",
        "name": "National Intellectual Property Rights Coordination Center",
        "acronym": "IPR Center",
        "aliases": [
            "IPR",
            "Intellectual Property Rights Center",
            "IPR Coordination Center",
            "counterfeit goods",
            "counterfeiting",
            "intellectual property",
        ],
        "component": "HSI",
        "categories": ["criminal-law-enforcement", "ice-access"],
        "summary": "The ICE-led multi-agency center in Washington, D.C., created in 2000, that "
        "coordinates the U.S. government's fight against intellectual-property crime and "
        "counterfeit goods.",
        "body": """ICE created the National Intellectual Property Rights Coordination Center (IPR Center) in Washington, D.C., in 2000 as the U.S. government's unified response to intellectual-property crime. It is the government's central point of contact against IPR violations and the entry of counterfeit goods into U.S. commerce, and it speaks on IPR enforcement for all U.S. government agencies, the Administration, Congress and the media.

The center is a multi-agency facility. ICE provides its core investigative and intelligence staff, and it has drawn investigators and analysts from U.S. Customs and Border Protection and the FBI. It coordinates intelligence, investigations and enforcement to protect the health and safety of U.S. consumers, with particular weight on major criminal organizations engaged in transnational IP crime, on stopping counterfeit goods at the border and on the illegal proceeds of making and selling counterfeit merchandise.

Intellectual property is a creation of a person's intellect, and the law grants ownership of it just as it does of material things. IPR violations were estimated to cost the U.S. economy about $200 billion a year. Such profits draw organized crime and official corruption, and counterfeits endanger the public: fake medicines may fail to treat a condition or harm through adulteration, and electrical devices with counterfeit safety marks may cause shocks or fires.

The center accepts allegations of IPR violations from the public and private sectors through an online complaint form, by e-mail and through a toll-free hotline.""",
        "contacts": [
            {
                "label": "IPR Center hotline (toll-free)",
                "phone": "1-866-IPR-2060",
                "note": "Dial 1-866-477-2060.",
            },
        ],
        "links": [
            (
                "IPR Center",
                "https://www.iprcenter.gov",
                "page",
                "Includes the online complaint form.",
            ),
        ],
        "related": ["cyber-crimes-center", "asset-forfeiture"],
    },
    {
        "slug": "forensic-document-laboratory",
        "name": "Forensic Document Laboratory",
        "acronym": "FDL",
        "aliases": [
            "document examination",
            "fraudulent documents",
            "handwriting examination",
            "document intelligence alerts",
        ],
        "component": "HSI",
        "categories": ["criminal-law-enforcement"],
        "summary": "The only federal crime laboratory devoted solely to detecting and deterring "
        "travel and identity document fraud.",
        "body": """The Forensic Document Laboratory (FDL) is the only federal crime laboratory dedicated exclusively to detecting and deterring fraud with travel and identity documents.

Its professional staff provide a full range of investigative and forensic services to ICE, the rest of the Department of Homeland Security and other federal, state and local law-enforcement agencies:

- forensic examination of documents and handwriting;
- training and technical help in spotting fraudulent documents;
- document intelligence alerts;
- other operational intelligence projects.""",
        "related": ["identity-and-benefit-fraud", "document-and-benefit-fraud-task-forces"],
    },
    {
        "slug": "identity-and-benefit-fraud",
        "name": "Identity and Benefit Fraud Unit",
        "acronym": "IBFU",
        "aliases": [
            "Identify and Benefit Fraud",
            "Identity and Benefit Fraud",
            "immigration fraud",
            "benefit fraud",
        ],
        "component": "HSI",
        "categories": ["criminal-law-enforcement"],
        "summary": "ICE unit that detects, deters and combats immigration fraud through focused "
        "investigations and prosecutions.",
        "body": """The Identity and Benefit Fraud Unit (IBFU) exists to detect, deter and combat immigration fraud. It does so through aggressive, focused and comprehensive investigations and prosecutions.

In the field, much of this work is done through the Document and Benefit Fraud Task Forces, where ICE works with other federal agencies and with state and local law enforcement.""",
        "related": ["document-and-benefit-fraud-task-forces", "forensic-document-laboratory"],
    },
    {
        "slug": "document-and-benefit-fraud-task-forces",
        "name": "Document and Benefit Fraud Task Forces",
        "acronym": "DBFTF",
        "aliases": ["DBFTFs", "document fraud task force", "benefit fraud task force"],
        "component": "HSI",
        "categories": ["ice-access", "criminal-law-enforcement"],
        "summary": "ICE-led task forces, created in April 2006, that dismantle organizations "
        "exploiting the immigration system through document and benefit fraud.",
        "body": """ICE created the Document and Benefit Fraud Task Forces (DBFTFs) in April 2006 to target and dismantle criminal organizations that threaten national security and public safety by exploiting the immigration process through fraud, and to seize their illicit proceeds.

The task forces give anti-fraud initiatives a platform built on existing staff and authorities. Through them ICE works with other federal agencies and with state and local law enforcement to detect, deter and disrupt both benefit fraud and document fraud.

The first task forces opened in Atlanta, Boston, Dallas, Denver, Detroit, Los Angeles, New York, Newark, Philadelphia, St. Paul and Washington, D.C. In April 2007 six more were added in Baltimore, Chicago, Miami, Phoenix, San Francisco and Tampa, for 17 nationwide.""",
        "related": ["identity-and-benefit-fraud", "forensic-document-laboratory", "ice-access"],
    },
    {
        "slug": "asset-forfeiture",
        "name": "Asset Forfeiture",
        "acronym": "",
        "aliases": ["forfeiture", "seizure", "Treasury Forfeiture Fund", "illicit proceeds"],
        "component": "HSI",
        "categories": ["ice-access"],
        "summary": "Seizing and forfeiting the proceeds of cross-border crime, with the money "
        "returned through the Treasury Forfeiture Fund to pay for law-enforcement operations.",
        "body": """Criminal organizations that commit cross-border crimes earn illicit proceeds that keep them going and pay for further crime. Asset forfeiture laws let ICE agents seize and forfeit those proceeds and other criminally derived assets.

ICE uses forfeiture in every area it investigates, including money laundering, bulk cash smuggling, worksite enforcement, and alien and drug smuggling, to disrupt and dismantle these organizations. Forfeited proceeds go into the Treasury Forfeiture Fund and are returned to member agencies to pay for a range of law-enforcement operations.""",
        "related": ["equitable-sharing", "operation-firewall"],
    },
    {
        "slug": "equitable-sharing",
        "name": "Equitable Sharing and Joint Operations",
        "acronym": "",
        "aliases": [
            "Equitable Sharing/Joint Operations",
            "equitable sharing",
            "overtime reimbursement",
            "joint operations",
        ],
        "component": "HSI",
        "categories": ["ice-access"],
        "summary": "Sharing forfeited assets with, and paying overtime for, the state, local and "
        "foreign agencies that work cases beside ICE.",
        "body": """Asset forfeiture has long been one of the most effective ways to take the profit out of crime, and federal investigations and prosecutions depend on support from state, local and foreign agencies. The equitable sharing program rewards that support and has done much to build cooperation between agencies.

In fiscal year 2006 ICE coordinated $5.65 million in overtime payments for state and local officers working beside ICE agents across the country, and paid $43.46 million in direct equitable-sharing payments of forfeited assets to 362 state and local agencies, four federal agencies and one foreign government.

These payments let agencies fight crime in their own jurisdictions through joint operations with ICE, and they have built goodwill and partnership with those agencies.""",
        "related": ["asset-forfeiture", "ice-access"],
    },
    {
        "slug": "border-enforcement-security-task-forces",
        "name": "Border Enforcement Security Task Forces",
        "acronym": "BEST",
        "aliases": ["BEST task force", "BESTs", "border task force"],
        "component": "HSI",
        "categories": ["ice-access", "criminal-law-enforcement"],
        "summary": "DHS-led task forces in which partner agencies jointly identify, disrupt and "
        "dismantle criminal organizations that threaten border security.",
        "body": """Border Enforcement Security Task Forces (BEST) bring DHS law-enforcement agencies together with other law-enforcement partners to build a comprehensive approach to identifying, disrupting and dismantling criminal organizations that pose significant threats to border security.

When ICE published its ICE ACCESS page, BEST task forces were operating in Arizona, California and Texas.""",
        "related": [
            "customs-cross-designation",
            "drug-enforcement-task-forces",
            "human-smuggling-and-trafficking",
        ],
    },
    {
        "slug": "customs-cross-designation",
        "name": "Customs Cross-Designation (Title 19)",
        "acronym": "Title 19",
        "aliases": [
            "19 U.S.C. 1401(i)",
            "Title 19 cross-designation",
            "customs officer designation",
            "task force officer",
        ],
        "component": "HSI",
        "categories": ["ice-access"],
        "summary": "Designates federal, state, local and foreign officers on ICE task forces as "
        "“Customs Officers” with authority to enforce U.S. customs law.",
        "body": """Title 19 of the United States Code, section 1401(i), allows federal, state, local and foreign law-enforcement officers who work mainly on ICE task-force operations to be cross-designated as "Customs Officers" and to enforce U.S. customs law.

These task-force officers add to ICE's investigations of narcotics smuggling, money laundering, human smuggling and trafficking, and fraud, aimed at disrupting and dismantling criminal organizations that threaten U.S. borders. Cross-designation also lets ICE work more closely with foreign counterparts, building secure relationships and cooperation between the United States and other countries.""",
        "related": ["287g-program", "border-enforcement-security-task-forces", "ice-access"],
    },
    {
        "slug": "operation-firewall",
        "name": "Operation Firewall",
        "acronym": "",
        "aliases": ["bulk cash smuggling", "BCS", "currency smuggling"],
        "component": "HSI",
        "categories": ["ice-access", "criminal-law-enforcement"],
        "summary": "Joint ICE and CBP initiative, begun in August 2005, against the smuggling of "
        "bulk currency out of the United States.",
        "body": """Smuggling bulk currency out of the United States has become a favored way for criminal organizations to move illicit proceeds across the border. To counter bulk cash smuggling (BCS), ICE's Financial, Narcotics and Public Safety Division and the Tactical Operations Division of CBP's Office of Field Operations developed a joint strategic initiative, Operation Firewall.

The operation began in August 2005 and kept expanding through fiscal years 2006 and 2007. It led directly to the seizure of more than $80 million in U.S. currency and negotiable instruments believed to be narcotics or other criminal proceeds.""",
        "related": ["asset-forfeiture", "drug-enforcement-task-forces", "trade-transparency-unit"],
    },
    {
        "slug": "ice-access",
        "name": "ICE ACCESS",
        "acronym": "ACCESS",
        "aliases": [
            "Agreements of Cooperation in Communities to Enhance Safety and Security",
            "ICE ACCESS program",
            "partnership with ICE",
        ],
        "component": "ICE",
        "categories": ["ice-access"],
        "summary": "Agreements of Cooperation in Communities to Enhance Safety and Security: the "
        "family of partnerships that lets a local agency team with ICE on its own community's problems.",
        "body": """ICE ACCESS (Agreements of Cooperation in Communities to Enhance Safety and Security) gives local law-enforcement agencies a way to team up with ICE against the particular problems of their communities.

ICE created it in answer to the many local agencies that had asked for ICE's help through the 287(g) program, which cross-designates local officers to enforce immigration law under section 287(g) of the Immigration and Nationality Act. 287(g) is only one of the services and programs offered under the ICE ACCESS umbrella.

ICE agents and officers meet the agency that asks for help, assess its local needs and draft a plan of action. From that assessment ICE and the agency choose the kind of partnership that will work best and last, before signing a formal agreement.

An agency that wants to review the enforcement programs under ICE ACCESS should call its local ICE office. The partnerships include asset forfeiture, Border Enforcement Security Task Forces, the Criminal Apprehension Program, customs cross-designation (Title 19), Document and Benefit Fraud Task Forces, equitable sharing and joint operations, Fugitive Operation Teams, 287(g) immigration cross-designation (Title 8), the IPR Center, the Law Enforcement Support Center, Operation Community Shield, Operation Firewall and Operation Predator.""",
        "related": [
            "287g-program",
            "ero-field-offices",
            "criminal-apprehension-program",
            "fugitive-operations",
        ],
    },
    {
        "slug": "air-transportation-unit",
        "name": "Air Transportation Unit",
        "acronym": "",
        "aliases": [
            "ICE Air",
            "JPATS",
            "Justice Prisoner and Alien Transportation System",
            "Special Charter Missions",
            "removal flights",
            "repatriation flights",
        ],
        "component": "ERO",
        "categories": ["immigration-law-enforcement"],
        "summary": "Manages the flights that move and repatriate noncitizens, by special charter "
        "and through the Justice Prisoner and Alien Transportation System.",
        "body": """ICE's Air Transportation Unit manages the transportation and repatriation flights of noncitizens in ICE custody.

It uses two means: Special Charter Missions, and the Justice Prisoner and Alien Transportation System (JPATS).""",
        "related": ["detention-management"],
    },
    {
        "slug": "alternatives-to-detention",
        "name": "Alternatives to Detention",
        "acronym": "ATD",
        "aliases": [
            "Electronic Monitoring Program",
            "EMP",
            "Intensive Supervision Appearance Program",
            "Intense Supervision Appearance Program",
            "ISAP",
            "electronic monitoring",
        ],
        "component": "ERO",
        "categories": ["immigration-law-enforcement"],
        "summary": "Programs that supervise noncitizens released from ICE custody, such as "
        "electronic monitoring and intensive supervision.",
        "body": """Alternatives to Detention are programs that strengthen the supervision of noncitizens released from ICE custody. They were developed and run by the Office of Detention and Removal Operations (DRO), now Enforcement and Removal Operations.

ICE's page named two programs in use: the Electronic Monitoring Program (EMP) and the Intensive Supervision Appearance Program (ISAP).""",
        "related": ["detention-management"],
    },
    {
        "slug": "office-of-intelligence-liaison-program",
        "name": "Office of Intelligence Liaison Program",
        "acronym": "",
        "aliases": ["Office of Intelligence", "ICE intelligence", "intelligence sharing"],
        "component": "HSI",
        "categories": ["information-sharing"],
        "summary": "ICE intelligence liaison with federal, state and local agencies and the "
        "Intelligence Community on threats in the movement of people, money and materials.",
        "body": """The ICE Office of Intelligence collects, analyzes and shares information on critical homeland-security vulnerabilities that terrorist and criminal organizations could exploit. By concentrating on the movement of people, money and materials into, within and out of the United States, it gives ICE leadership and field agents accurate, timely reporting for enforcement operations.

Its liaison program connects the Office of Intelligence with many federal, state and local law-enforcement agencies and with the Intelligence Community, improving the sharing of intelligence and the coordination of critical law-enforcement information. The office also supports and takes part in many interagency programs and initiatives.""",
        "related": ["law-enforcement-support-center", "joint-terrorism-task-force"],
    },
    {
        "slug": "federal-protective-service",
        "name": "Federal Protective Service",
        "acronym": "FPS",
        "aliases": [
            "Basic Service Charge",
            "Building Specific Service Charge",
            "FPS MegaCenters",
            "MegaCenter",
            "alarm monitoring",
            "federal building security",
        ],
        "component": "FPS",
        "categories": ["protective-and-emergency-services"],
        "summary": "Law-enforcement and security for federal buildings, paid for by service "
        "charges, with alarm monitoring and dispatch from four MegaCenters.",
        "body": """The Federal Protective Service (FPS) provides law-enforcement and security services to more than 1 million tenants and daily visitors in about 9,000 federally owned and leased facilities nationwide. It concentrates on the interior security of the nation and on reducing crime and potential threats against federal facilities, employees and visitors. When ICE's partner page was written FPS was part of ICE; it has since moved elsewhere in DHS.

FPS recovers its costs: it is funded by fees collected through a Basic Service Charge and a Building Specific Service Charge.

In 2000 FPS moved all of its alarm monitoring and dispatching from several regional control centers to four MegaCenters. Each MegaCenter monitors many kinds of alarm systems, closed-circuit television and wireless dispatch communications for federal facilities across the country.""",
        "related": [
            "protective-investigations-program",
            "explosive-detector-dog-teams",
            "hazardous-response-program",
            "mobile-command-posts",
        ],
    },
    {
        "slug": "protective-investigations-program",
        "name": "Protective Investigations Program",
        "acronym": "",
        "aliases": ["protective investigations", "protectee security"],
        "component": "FPS",
        "categories": ["protective-and-emergency-services"],
        "summary": "Established in early 2004 to keep DHS and FPS protectees and facilities "
        "safe, working with agencies that have protective missions.",
        "body": """The Protective Investigations Program was set up in early 2004 to ensure the safety of DHS and FPS protectees and facilities.

It works with federal, state and local law-enforcement agencies that have a protective and investigative mission.""",
        "related": ["federal-protective-service"],
    },
    {
        "slug": "explosive-detector-dog-teams",
        "name": "Explosive Detector Dog Teams",
        "acronym": "EDD",
        "aliases": ["Explosive Detection Dog Teams", "K-9", "canine teams", "bomb dogs"],
        "component": "FPS",
        "categories": ["protective-and-emergency-services"],
        "summary": "Canine teams, on call around the clock, that protect life and property and "
        "deter criminal and terrorist acts.",
        "body": """Explosive Detector Dog (EDD) teams protect life and property and provide a strong, visible deterrent to criminal and terrorist acts.

EDD teams are on call 24 hours a day and play a key part in a growing network of first responders.""",
        "related": ["federal-protective-service", "hazardous-response-program"],
    },
    {
        "slug": "hazardous-response-program",
        "name": "Hazardous Response Program",
        "acronym": "HRP",
        "aliases": ["WMD awareness training", "CBRNE", "hazardous materials training", "hazmat"],
        "component": "FPS",
        "categories": ["protective-and-emergency-services"],
        "summary": "Responds to chemical, biological, radiological, nuclear and high-yield "
        "explosive threats and trains government workers in WMD and hazardous-materials awareness.",
        "body": """The Hazardous Response Program (HRP) was created to respond to credible chemical, biological, radiological, nuclear and high-yield explosive threats and incidents.

On request, HRP gives federal, state and local government workers awareness training on weapons of mass destruction (WMD) and hazardous materials.""",
        "related": ["explosive-detector-dog-teams", "mobile-command-posts"],
    },
    {
        "slug": "mobile-command-posts",
        "name": "Mobile Command Posts",
        "acronym": "",
        "aliases": ["command vehicle", "incident command", "interoperable communications"],
        "component": "FPS",
        "categories": ["protective-and-emergency-services"],
        "summary": "Command posts placed around the country that can reach any emergency and "
        "link the communications of federal, state and local responders.",
        "body": """Managing an incident requires mobility, connected systems and communications that work across federal, state and local emergency-service agencies.

Mobile command posts are stationed at strategic locations so they can support any emergency incident nationwide.""",
        "related": ["hazardous-response-program", "federal-protective-service"],
    },
    {
        "slug": "visa-security-program",
        "name": "Visa Security Program",
        "acronym": "VSP",
        "aliases": ["visa security", "visa screening", "overseas visa vetting"],
        "component": "HSI",
        "categories": ["criminal-law-enforcement"],
        "summary": "Places DHS officers at overseas visa-issuing posts to keep terrorists, "
        "criminals and other ineligible applicants from getting U.S. visas.",
        "body": """The Visa Security Program (VSP) is the ICE program that assigns DHS officers to visa-issuing posts abroad to strengthen homeland security. Its mission is to protect national security and public safety by preventing terrorists, criminals and other ineligible applicants from receiving U.S. visas, and to make the visa process a counterterrorism tool.

The visa process is the first line of defense among the layers of U.S. border security; later layers include transportation screening, maritime security, inspections at ports of entry, domestic investigations, intelligence, and detention and removal. By adding DHS law-enforcement capability to the visa process, the program aims to identify and reduce threats before they reach the United States and to produce law-enforcement value beyond the simple decision to issue or refuse a visa.""",
        "related": [
            "container-security-initiative",
            "international-visitors-program",
            "ice-international-training",
        ],
    },
    {
        "slug": "container-security-initiative",
        "name": "Container Security Initiative",
        "acronym": "CSI",
        "aliases": ["shipping container security", "cargo security"],
        "component": "HSI",
        "categories": ["criminal-law-enforcement"],
        "summary": "CBP officers and ICE special agents work with host nations to target "
        "shipping containers that may pose a terrorist threat.",
        "body": """Under the Container Security Initiative (CSI), small teams of U.S. Customs and Border Protection officers and ICE special agents are posted abroad to work with host-nation counterparts in targeting every container that may pose a terrorist threat. The purpose is to protect containerized shipping from exploitation by terrorists.

ICE agents open investigations with their host-nation counterparts to discover, disrupt, deter and dismantle terrorist organizations that try to exploit the international trading system. ICE attachés, in more than 56 offices worldwide, support CSI teams with management, investigative and administrative help.""",
        "related": ["visa-security-program", "export-enforcement"],
    },
    {
        "slug": "international-visitors-program",
        "name": "International Visitors Program",
        "acronym": "IVP",
        "aliases": ["foreign official visits", "foreign counterparts"],
        "component": "HSI",
        "categories": ["criminal-law-enforcement"],
        "summary": "Hosts visits by foreign law-enforcement and government officials to build "
        "the contacts that help ICE's investigations worldwide.",
        "body": """The International Visitors Program (IVP) lets ICE build and keep important contacts with its foreign counterparts. The visits strengthen relationships with international law-enforcement agencies and senior government officials, which leads to more successful ICE investigations around the world.

Every visit needs relevant, thorough briefing materials, close coordination, prior approval, and an itinerary or agenda.""",
        "related": ["ice-international-training", "visa-security-program"],
    },
    {
        "slug": "ice-international-training",
        "name": "ICE Training for Foreign Law Enforcement",
        "acronym": "",
        "aliases": [
            "Office of International Affairs training",
            "OIA training",
            "international training",
            "overseas training",
        ],
        "component": "HSI",
        "categories": ["criminal-law-enforcement"],
        "summary": "Courses that ICE's Office of International Affairs gives to law-enforcement "
        "officials of foreign governments.",
        "body": """ICE's Office of International Affairs trains law-enforcement officials of foreign governments overseas. The subjects are:

- anti-money laundering and financial crimes;
- intellectual property rights;
- commercial and trade fraud;
- export control and arms trafficking;
- child exploitation and cyber crimes;
- human trafficking;
- fraudulent documents.""",
        "related": ["international-visitors-program", "export-enforcement"],
    },
    {
        "slug": "trade-transparency-unit",
        "name": "Trade Transparency Unit",
        "acronym": "TTU",
        "aliases": [
            "trade-based money laundering",
            "TBML",
            "Black Market Peso Exchange",
            "BMPE",
            "hawala",
        ],
        "component": "HSI",
        "categories": ["criminal-law-enforcement"],
        "summary": "ICE unit that compares trade data with partner countries to find the "
        "false invoicing behind trade-based money laundering.",
        "body": """Trade-based money laundering is an alternative remittance system: criminal organizations earn, move and store proceeds disguised as legitimate trade. They move value by false invoicing, over-invoicing and under-invoicing goods imported or exported around the world, hiding behind the complex paperwork of ordinary trade. Colombian drug cartels use the method extensively to bring drug proceeds home, in the scheme known as the Black Market Peso Exchange (BMPE). Underground banking, unlicensed money-service businesses and hawalas also use trade to settle debts from remittances abroad, for example by buying goods in one country and shipping them to another, where they are sold and the proceeds paid to the intended recipient.

ICE's Financial and Trade Investigations Division set up the Trade Transparency Unit to analyze trade data exchanged with other countries' trade transparency units. ICE's experience is that one of the best ways to find trade-based money laundering is to exchange and analyze trade data for anomalies that only show when both sides of a transaction are examined. ICE also works with international bodies such as the Financial Action Task Force to raise awareness of this growing global problem.""",
        "related": ["operation-firewall", "asset-forfeiture"],
    },
    {
        "slug": "joint-terrorism-task-force",
        "name": "Joint Terrorism Task Force Participation",
        "acronym": "JTTF",
        "aliases": ["Joint Terrorism Task Force", "JTTFs", "counterterrorism"],
        "component": "HSI",
        "categories": ["criminal-law-enforcement"],
        "summary": "ICE is the second-largest federal contributor to the Joint Terrorism Task "
        "Forces, bringing immigration and customs expertise.",
        "body": """ICE takes part in the Joint Terrorism Task Forces (JTTF) and is the second-largest federal contributor to them, with agents assigned to offices throughout the United States.

ICE agents bring their immigration and customs expertise to JTTF investigations to investigate, detect, interdict, prosecute and remove terrorists, and to identify, disrupt and dismantle organizations that threaten the American people.""",
        "related": ["office-of-intelligence-liaison-program", "export-enforcement"],
    },
    {
        "slug": "export-enforcement",
        "name": "Export Enforcement",
        "acronym": "",
        "aliases": [
            "export control",
            "arms trafficking",
            "Arms Export Control Act",
            "AECA",
            "Export Administration Regulations",
            "EAR",
            "IEEPA",
            "International Emergency Economic Powers Act",
            "Trading with the Enemy Act",
            "sanctions",
        ],
        "component": "HSI",
        "categories": ["criminal-law-enforcement"],
        "summary": "ICE is the principal agency investigating violations of U.S. export-control "
        "laws, at home and through its attaché offices abroad.",
        "body": """ICE is the principal law-enforcement agency investigating violations of U.S. export-control laws. The laws it enforces include:

- the Arms Export Control Act (military technology);
- the Export Administration Regulations (dual-use technology);
- the International Emergency Economic Powers Act (sanctions offenses);
- the Trading with the Enemy Act.

ICE also uses its border-search authority and the federal money-laundering statutes to prosecute export violators and to help identify and seize the proceeds of specified unlawful activities.

At the time of ICE's partner page, its Office of Investigations had more than 5,500 special agents in over 200 field offices across the United States, enforcing U.S. laws on the movement of people and goods into and out of the country. ICE also kept 56 attaché offices in 43 countries, which conduct all investigations abroad of violations of U.S. export-control laws and regulations.

Other agencies share the field. The Department of Commerce has concurrent jurisdiction with ICE over violations of the Export Administration Regulations and the Export Administration Act, and the FBI may investigate export cases that have a foreign-counterintelligence nexus, such as espionage or sabotage.""",
        "related": ["joint-terrorism-task-force", "container-security-initiative"],
    },
    {
        "slug": "criminal-justice-stakeholder-forms",
        "name": "Criminal Justice Stakeholder Forms",
        "acronym": "",
        "aliases": [
            "stakeholder request",
            "stakeholder request form",
            "certification form",
            "missed court date",
            "missed probation appointment",
            "bond forfeiture",
            "ERO Detention Reporting and Information Line",
            "DRIL",
        ],
        "component": "ERO",
        "categories": ["forms", "immigration-law-enforcement"],
        "feature": "stakeholder_form",
        "summary": "How courts, probation and other criminal-justice offices confirm that a "
        "person missed an obligation because ICE had arrested, detained or removed them.",
        "body": """ICE Enforcement and Removal Operations (ERO) is committed to keeping the public informed about its enforcement work, and to transparency, cooperation and resolving concerns with outside stakeholders, above all its criminal-justice partners.

When ICE takes enforcement action against a noncitizen, that person may still have obligations in the criminal-justice system, and the two can collide. A person may miss a court hearing and forfeit bond, or miss a meeting with a parole officer and face penalties. State and local authorities then need information from ICE.

The Criminal Justice Stakeholder Forms give criminal-justice professionals reliable information from ICE in these cases. What ICE provides can be used to verify that the person's absence from court, or other failure to meet an obligation, was caused by ICE enforcement, detention or removal.

If you need information on a person who failed to meet a criminal-justice obligation and you suspect ICE enforcement was the reason:

- Call the ICE ERO Detention Reporting and Information Line at 1-888-351-4024 and ask the operator for a criminal justice stakeholder Request Form, or file the request online through this portal.
- Send the completed Request Form to ERO.INFO@ice.dhs.gov or by standard mail.
- Staff of the Detention Reporting and Information Line process the request and issue a Certification Form, which, if the request is approved, gives the information asked for.

ICE also published the paper Request Form (a 635 KB PDF) and a fact sheet on the process (a 511 KB PDF).""",
        "contacts": [
            {
                "label": "ERO Detention Reporting and Information Line",
                "phone": "1-888-351-4024",
                "email": "ERO.INFO@ice.dhs.gov",
                "hours": "Monday to Friday, 8 a.m. to 8 p.m. Eastern",
            },
        ],
        "related": [
            "online-detainee-locator-system",
            "tool-kit-for-prosecutors",
            "immigration-detainer-notice-of-action",
        ],
    },
    {
        "slug": "cyber-incident-reporting",
        "name": "Law Enforcement Cyber Incident Reporting",
        "acronym": "",
        "aliases": [
            "cyber incident",
            "cyber incident report",
            "report a cyber incident",
            "cyber attack",
            "ransomware",
            "data breach",
            "computer intrusion",
            "SLTT cyber reporting",
            "unified message",
        ],
        "component": "PARTNER",
        "categories": ["forms", "criminal-law-enforcement"],
        "feature": "cyber_report",
        "summary": "The federal government's unified message to state, local, tribal and "
        "territorial law enforcement on when, what and how to report cyber incidents.",
        "body": """Cyber threats from malicious actors are a growing concern across the country. Voluntary sharing of incident information between state, local, tribal and territorial (SLTT) law enforcement and the federal government helps keep cyberspace safe and secure. Whichever federal "door" an SLTT agency uses, the information is shared within the federal government so that the right agencies respond, while citizens' privacy and civil liberties are protected under the law.

A cyber incident is a past, ongoing or threatened intrusion, disruption or other event that impairs, or is likely to impair, the confidentiality, integrity or availability of electronic information, information systems, services or networks. SLTT partners are encouraged to report suspected or confirmed incidents to a federal agency, and especially an incident that:

- may affect national security, economic security, or public health and safety;
- affects core government or critical-infrastructure functions;
- causes a significant loss of data, of system availability or of control of systems;
- involves a large number of victims;
- shows unauthorized access to, or malicious software on, critical information-technology systems;
- violates federal or SLTT law.

You may report at any stage, even before you have the full picture; the more you can gather, the faster help reaches your agency and community. Useful facts are: your name, organization, address and telephone number; who experienced the incident, who owns the affected systems and who the right point of contact is; the type of incident; the initial entry vector or the vulnerability exploited, if known; how the incident was detected; which systems, networks or data are affected; the business, mission and operational impact, including whether critical-infrastructure functions were affected and whether a control system was compromised or manipulated; what the affected entity has already done, whether it wants federal technical assistance, whether it has hired a managed security service provider, and whether your agency or another has opened an investigation (with that agency's point of contact). If you have them, also share logs with destination IP addresses, ports and URLs, the affected systems' operating software, source ports used in the attack, signs of sophisticated tactics, techniques and procedures (TTPs), signs that the asset owner was specifically targeted, and status-change data with time stamps and time zone.

SLTT agencies can report in person, by e-mail, by telephone or online, and reports are shared among the federal agencies concerned so that they can limit the harm, assess the impact on critical infrastructure and investigate crimes. Which agency to contact depends on the incident:

- DHS (the former National Protection and Programs Directorate, whose cyber center is now CISA Central): suspected or confirmed incidents that may affect critical infrastructure and need technical response and mitigation help.
- U.S. Secret Service: cybercrime such as computer intrusions or attacks, transmission of malicious code, password trafficking, and theft of payment-card or other financial payment information.
- ICE Homeland Security Investigations: cyber-based domestic or international cross-border crime, including child exploitation, money laundering, smuggling and intellectual-property violations.
- Department of Justice, FBI: cybercrime such as computer intrusions or attacks, fraud, intellectual-property theft, identity theft, theft of trade secrets, criminal hacking, terrorist activity, espionage, sabotage and other foreign intelligence activity.

This portal's online cyber-incident report asks for these facts and routes the report to the right agencies.""",
        "contacts": [
            {
                "label": "CISA Central (formerly the DHS NCCIC)",
                "phone": "(888) 282-0870",
                "note": "Incidents that may affect critical infrastructure or need technical assistance.",
            },
            {
                "label": "ICE HSI, through the ICE Tip Line",
                "phone": "1-866-DHS-2-ICE",
                "note": "Cross-border cyber crime. Dial 1-866-347-2423.",
            },
        ],
        "links": [
            ("Report to CISA", "https://www.cisa.gov/report", "form", ""),
        ],
        "related": ["cyber-training-resources", "cyber-crimes-center"],
    },
    {
        "slug": "cyber-training-resources",
        "name": "Cyber Training and Resources for Law Enforcement",
        "acronym": "",
        "aliases": [
            "Cyber Shield Alliance",
            "eGuardian",
            "InfraGard",
            "National Computer Forensics Institute",
            "NCFI",
            "National Cyber Investigative Joint Task Force",
            "NCIJTF",
            "CCIPS",
            "Computer Crime and Intellectual Property Section",
            "Internet Crime Complaint Center",
            "IC3",
            "cyber training",
        ],
        "component": "PARTNER",
        "categories": ["criminal-law-enforcement"],
        "summary": "Federal cyber training, intelligence sharing and reference manuals open to "
        "state, local, tribal and territorial partners.",
        "body": """Several federal programs train and support SLTT personnel on cyber investigations:

- FBI Cyber Shield Alliance: extensive resources for SLTT partners, including eGuardian access, intelligence sharing, federally sponsored training and fellowships at the National Cyber Investigative Joint Task Force.
- InfraGard: the FBI's partnership with the private sector.
- National Computer Forensics Institute: run by the U.S. Secret Service, it gives federally sponsored training to SLTT law enforcement, prosecutors and judges.
- ICE HSI Cyber Crimes Center: technical courses on cyber investigations and digital forensics, on request.
- Department of Justice Computer Crime and Intellectual Property Section (CCIPS): its manuals "Searching and Seizing Computers and Obtaining Electronic Evidence in Criminal Investigations" and "Prosecuting Computer Crimes" are online.
- Internet Crime Complaint Center (IC3): where officers can direct members of the public to file a complaint online.""",
        "links": [
            ("InfraGard", "https://www.infragard.org", "page", ""),
            ("National Computer Forensics Institute", "https://www.ncfi.usss.gov", "page", ""),
            (
                "Computer Crime and Intellectual Property Section",
                "https://www.justice.gov/criminal/criminal-ccips",
                "page",
                "Manuals on electronic evidence and computer-crime prosecution.",
            ),
            (
                "Internet Crime Complaint Center",
                "https://www.ic3.gov",
                "form",
                "For members of the public.",
            ),
        ],
        "related": ["cyber-incident-reporting", "cyber-crimes-center"],
    },
    {
        "slug": "about-ice",
        "name": "About ICE",
        "acronym": "ICE",
        "aliases": [
            "U.S. Immigration and Customs Enforcement",
            "Immigration and Customs Enforcement",
            "ICE components",
            "Office of Investigations",
            "Detention and Removal",
        ],
        "component": "ICE",
        "categories": ["about-ice"],
        "summary": "The largest investigative agency of the Department of Homeland Security, "
        "enforcing more than 400 federal statutes.",
        "body": """U.S. Immigration and Customs Enforcement (ICE) is the largest investigative agency in the U.S. Department of Homeland Security (DHS). Its primary mission is to protect national security, public safety and the integrity of U.S. borders through criminal and civil enforcement of the federal laws on border control, customs, trade and immigration. Its law-enforcement authority covers more than 400 federal statutes.

ICE partners with federal, state and local law-enforcement agencies through a range of services, so that resources and information are shared as effectively as possible; working together improves everyone's ability to fight crime.

The parts of ICE that partners deal with most are Enforcement and Removal Operations (formerly Detention and Removal), Homeland Security Investigations (formerly the Office of Investigations), the Office of the Principal Legal Advisor and the Office of State, Local, and Tribal Coordination. ICE also runs IMAGE for employers, Secure Communities and the Student and Exchange Visitor Program.""",
        "related": [
            "office-of-the-principal-legal-advisor",
            "office-of-state-local-and-tribal-coordination",
            "ice-access",
        ],
    },
    {
        "slug": "office-of-the-principal-legal-advisor",
        "name": "Office of the Principal Legal Advisor",
        "acronym": "OPLA",
        "aliases": ["ICE attorneys", "ICE legal", "Principal Legal Advisor"],
        "component": "OPLA",
        "categories": ["about-ice"],
        "summary": "ICE's legal program: its attorneys advise the agency and represent DHS in "
        "removal proceedings before the immigration courts.",
        "body": """The Office of the Principal Legal Advisor (OPLA) is ICE's legal office. Its attorneys give legal advice across the agency and represent the Department of Homeland Security in removal proceedings before the immigration courts.

Prosecutors who need to work out how a criminal case and an immigration case affect each other can start with the Tool Kit for Prosecutors.""",
        "related": ["tool-kit-for-prosecutors", "about-ice"],
    },
    {
        "slug": "image-program",
        "name": "IMAGE (ICE Mutual Agreement between Government and Employers)",
        "acronym": "IMAGE",
        "aliases": [
            "ICE Mutual Agreement between Government and Employers",
            "Mutual Agreement Between Government & Employers",
            "worksite compliance",
            "employer partnership",
        ],
        "component": "HSI",
        "categories": ["about-ice"],
        "summary": "ICE's voluntary partnership with employers for a lawful workforce, through "
        "training and sound hiring practices.",
        "body": """IMAGE, the ICE Mutual Agreement between Government and Employers, is a voluntary partnership between ICE and employers. ICE helps member employers keep a lawful workforce through training and sound hiring practices, and members commit to those practices.

Agencies that meet employers worried about unauthorized workers can point them to IMAGE.""",
        "related": ["about-ice", "identity-and-benefit-fraud"],
    },
    {
        "slug": "secure-communities",
        "name": "Secure Communities",
        "acronym": "",
        "aliases": ["SComm", "biometric information sharing", "fingerprint sharing"],
        "component": "ERO",
        "categories": ["about-ice", "immigration-law-enforcement"],
        "summary": "Biometric information sharing by which fingerprints taken at a local "
        "booking are also checked against DHS immigration records.",
        "body": """Secure Communities is built on information sharing between the FBI and DHS. Fingerprints that a jail or police department submits to the FBI when it books a person are also checked against DHS immigration records.

When the check matches a person ICE has an interest in, ICE is notified and decides whether to act, for example by lodging a detainer with the agency holding the person.""",
        "related": [
            "immigration-detainer-notice-of-action",
            "criminal-apprehension-program",
            "law-enforcement-support-center",
        ],
    },
    {
        "slug": "student-and-exchange-visitor-program",
        "name": "Student and Exchange Visitor Program",
        "acronym": "SEVP",
        "aliases": [
            "Students/Exchange Visitors",
            "SEVIS",
            "Student and Exchange Visitor Information System",
            "F-1 students",
            "M-1 students",
            "international students",
        ],
        "component": "HSI",
        "categories": ["about-ice"],
        "summary": "ICE program that certifies schools for international students and keeps "
        "their records in SEVIS.",
        "body": """The Student and Exchange Visitor Program (SEVP) manages schools and the nonimmigrant students in the F and M visa classes who attend them. It certifies the schools that may enroll such students and keeps their records in the Student and Exchange Visitor Information System (SEVIS).

Officers who need to know whether a foreign student is maintaining status can ask the Law Enforcement Support Center.""",
        "links": [
            ("Student and Exchange Visitor Program", "https://www.ice.gov/sevis", "page", ""),
        ],
        "related": ["about-ice", "law-enforcement-support-center"],
    },
    {
        "slug": "office-of-state-local-and-tribal-coordination",
        "name": "Office of State, Local, and Tribal Coordination",
        "acronym": "OSLTC",
        "aliases": ["state and local liaison", "tribal liaison", "intergovernmental affairs"],
        "component": "ICE",
        "categories": ["about-ice", "information-sharing"],
        "summary": "ICE's liaison office for state, local and tribal governments and "
        "law-enforcement agencies.",
        "body": """The Office of State, Local, and Tribal Coordination (OSLTC) is ICE's point of liaison with state, local and tribal governments, law-enforcement agencies and other stakeholders. It explains ICE's programs to them, brings their questions and concerns to ICE, and helps them find the right ICE office.

For everyday operational questions, the local ERO field office's outreach mailbox is usually the fastest route.""",
        "related": ["ero-field-offices", "ice-access", "about-ice"],
    },
]

FIELD_OFFICES = [
    # name, address lines, phone, [(jurisdiction, note)]
    (
        "Atlanta",
        "180 Ted Turner Dr SW, Ste 522\nAtlanta, GA 30303",
        "(404) 893-1290",
        [("GA", ""), ("NC", ""), ("SC", "")],
    ),
    ("Baltimore", "31 Hopkins Plaza, 6th Fl\nBaltimore, MD 21201", "(443) 560-0640", [("MD", "")]),
    (
        "Boston",
        "1000 District Ave\nBurlington, MA 01803",
        "(781) 359-7500",
        [("CT", ""), ("ME", ""), ("MA", ""), ("NH", ""), ("RI", ""), ("VT", "")],
    ),
    (
        "Buffalo",
        "250 Delaware Ave, Fl 7\nBuffalo, NY 14202",
        "(716) 464-5800",
        [("NY", "Upstate: every county outside the New York City office's area")],
    ),
    (
        "Chicago",
        "101 W Ida B Wells Dr, Ste 4000\nChicago, IL 60605",
        "(872) 351-3990",
        [("IL", ""), ("IN", ""), ("WI", ""), ("MO", ""), ("KY", ""), ("KS", "")],
    ),
    ("Dallas", "8101 N Stemmons Fwy\nDallas, TX 75247", "", [("TX", "Northern Texas"), ("OK", "")]),
    (
        "Denver",
        "12445 E Caley Ave\nCentennial, CO 80111",
        "(720) 873-2899",
        [("CO", ""), ("WY", "")],
    ),
    (
        "Detroit",
        "985 Michigan Ave, Ste 207\nDetroit, MI 48226",
        "(313) 771-6601",
        [("MI", ""), ("OH", "")],
    ),
    (
        "El Paso",
        "11541 Montana Ave, Ste E\nEl Paso, TX 79936",
        "(915) 225-1901",
        [("TX", "Western Texas"), ("NM", "")],
    ),
    ("Harlingen", "1717 Zoy St\nHarlingen, TX 78552", "(956) 389-7884", [("TX", "Southern Texas")]),
    (
        "Houston",
        "126 Northpoint Dr\nHouston, TX 77060",
        "(281) 774-4816",
        [("TX", "Southeastern Texas")],
    ),
    (
        "Los Angeles",
        "300 N Los Angeles St, Rm 7631\nLos Angeles, CA 90012",
        "(213) 830-7911",
        [
            (
                "CA",
                "Los Angeles, Orange, Riverside, San Bernardino, Ventura, Santa Barbara and San Luis Obispo counties",
            )
        ],
    ),
    (
        "Miami",
        "2805 SW 145th Ave\nMiramar, FL 33027",
        "(954) 843-5800",
        [("FL", ""), ("PR", ""), ("VI", "")],
    ),
    (
        "New Orleans",
        "181 James Dr W\nSt. Rose, LA 70087",
        "",
        [("AL", ""), ("AR", ""), ("LA", ""), ("MS", ""), ("TN", "")],
    ),
    (
        "New York City",
        "26 Federal Plaza, 9th Fl\nNew York, NY 10278",
        "(212) 436-9315",
        [
            (
                "NY",
                "The five boroughs and Dutchess, Nassau, Putnam, Suffolk, Sullivan, Orange, Rockland, Ulster and Westchester counties",
            )
        ],
    ),
    ("Newark", "970 Broad St, 11th Fl\nNewark, NJ 07102", "(862) 445-9200", [("NJ", "")]),
    (
        "Philadelphia",
        "114 N 8th St\nPhiladelphia, PA 19107",
        "(215) 656-7164",
        [("DE", ""), ("PA", ""), ("WV", "")],
    ),
    ("Phoenix", "2035 N Central Ave\nPhoenix, AZ 85004", "(602) 257-5900", [("AZ", "")]),
    (
        "Salt Lake City",
        "2975 Decker Lake Dr, Ste 100\nWest Valley City, UT 84119",
        "(801) 736-1200",
        [("UT", ""), ("ID", ""), ("MT", ""), ("NV", "")],
    ),
    (
        "San Antonio",
        "1777 NE Loop 410, Fl 15\nSan Antonio, TX 78217",
        "(210) 283-4750",
        [("TX", "Central Texas")],
    ),
    (
        "San Diego",
        "880 Front St #2242\nSan Diego, CA 92101",
        "(619) 436-0410",
        [("CA", "San Diego and Imperial counties")],
    ),
    (
        "San Francisco",
        "630 Sansome St, Rm 590\nSan Francisco, CA 94111",
        "(415) 365-8800",
        [("CA", "Northern California"), ("HI", ""), ("GU", ""), ("MP", "")],
    ),
    (
        "Seattle",
        "12500 Tukwila International Blvd\nSeattle, WA 98168",
        "(206) 277-2000",
        [("AK", ""), ("OR", ""), ("WA", "")],
    ),
    (
        "St. Paul",
        "1 Federal Dr, Ste 1601\nFort Snelling, MN 55111",
        "(612) 409-7799",
        [("IA", ""), ("MN", ""), ("NE", ""), ("ND", ""), ("SD", "")],
    ),
    (
        "Washington",
        "14797 Murdock St\nChantilly, VA 20598",
        "(703) 633-2100",
        [("DC", ""), ("VA", "")],
    ),
]

FAQS = [
    {
        "slug": "lesc-services",
        "question": "What can the Law Enforcement Support Center (LESC) do for my agency?",
        "answer": """The LESC, in Williston, Vermont, works 24 hours a day, 365 days a year, giving real-time help to officers who are investigating or have arrested foreign-born people involved in crime. It is the main link between ICE and the nation's law-enforcement agencies, and it helps them in two ways.

- Status checks. An agency can ask for the immigration status of a person it is investigating by sending an Immigration Alien Query over the National Law Enforcement Telecommunications System (NLETS); the LESC answered more than 1.3 million such requests over two fiscal years. In some cases LESC technicians and special agents give an enhanced response, contacting the department or the officer with more information and help, prompted either by what the officer wrote in the query's remarks or by what the LESC finds.
- NCIC hits. The LESC is ICE's single point of contact when an officer gets a National Crime Information Center (NCIC) hit on a possible immigration violator. NCIC is a computerized index of criminal-justice information (criminal histories, fugitives, stolen property, missing persons) open to federal, state and local agencies around the clock. A hit means a name the officer ran matches a wanted person whom ICE entered; it is a name match only, and the officer must confirm it with the LESC, whose special agents help confirm it within the 10 minutes NCIC allows. Nearly 160,000 immigration-violator records have been entered in NCIC.

Call the LESC at (802) 872-6000.""",
        "related": ["law-enforcement-support-center"],
    },
    {
        "slug": "lesc-nlets-inquiry",
        "question": "How does an agency send an inquiry to the LESC through NLETS?",
        "answer": """Every state has electronic access to the LESC through the Immigration Alien Query (IAQ) screen on NLETS. Answers go back automatically to the ORI of the agency that asked; the ORI is the code that identifies a law-enforcement agency.

Officers can add remarks about the case to their query, and in some circumstances the LESC then gives an enhanced response. Each IAQ is researched by a trained technician, who searches ICE's own databases (holding, in ICE's figure, approximately 100,000 million records), writes a concise answer and sends it to the agency.""",
        "related": ["law-enforcement-support-center"],
    },
    {
        "slug": "ncic-immigration-violators",
        "question": "Which immigration violators are entered in the National Crime Information Center (NCIC)?",
        "answer": """The Immigration Violators File is kept by trained staff of the Law Enforcement Support Center. It holds previously deported aggravated felons, immigration fugitives and people wanted on ICE criminal warrants.""",
        "related": ["law-enforcement-support-center", "fugitive-operations"],
    },
    {
        "slug": "encountering-a-person-wanted-by-ice",
        "question": "What happens when my agency encounters a person wanted by ICE?",
        "answer": """Once the LESC and the officer confirm an NCIC hit, an LESC special agent always places an immigration detainer on the person; the LESC placed more than 12,000 detainers over two years. Agents may also place detainers on people who are in the country illegally, which happened 15,472 times over the same two years.

Either way, the LESC passes every essential detail of the case to the local ICE office.""",
        "related": ["law-enforcement-support-center", "immigration-detainer-notice-of-action"],
    },
    {
        "slug": "lesc-other-services",
        "question": "Does the LESC offer any other services?",
        "answer": """Yes. Besides supporting law enforcement directly, the LESC houses the Department of Homeland Security's Tip Line, which DHS started in the summer of 2003. In the period ICE reported on, the line had taken more than 126,000 calls from the public about violations of immigration and customs law. About half held enough information to be sent to ICE field offices for further evaluation, and tips have led to many significant prosecutions and arrests for federal and local crimes.""",
        "related": ["ice-tip-line", "law-enforcement-support-center"],
    },
    {
        "slug": "c3-hacking-identity-theft",
        "question": "Does the ICE Cyber Crimes Center investigate hacking or online identity theft and fraud?",
        "answer": """No. The Cyber Crimes Center works the cyber side of customs and immigration crime: international money laundering, intellectual-property violations and the sale of fraudulent immigration documents over the Internet.

Domestic cyber crimes such as hacking and identity theft are investigated by other federal agencies, including the U.S. Secret Service and the FBI. See Law Enforcement Cyber Incident Reporting for where to report.""",
        "related": ["cyber-crimes-center", "cyber-incident-reporting"],
    },
    {
        "slug": "c3-child-exploitation",
        "question": "Does the ICE Cyber Crimes Center investigate child exploitation?",
        "answer": """Yes, when the crime has an international border nexus. The U.S. Postal Inspection Service investigates child pornography sent through the U.S. mail, and the FBI investigates domestic child-exploitation crimes.

ICE's child-exploitation investigations are organized under Operation Predator, which the Cyber Crimes Center manages. ICE is also the U.S. law-enforcement representative to the Virtual Global Taskforce, an international alliance of law-enforcement agencies working to make the Internet safer.""",
        "related": ["cyber-crimes-center", "operation-predator"],
    },
    {
        "slug": "what-are-ipr-violations",
        "question": "What are intellectual property rights (IPR), and why do violations matter?",
        "answer": """Intellectual property is a creation of a person's intellect. The law gives people ownership of such intangible property, just as it does of material things.

IPR violations were estimated to cost the U.S. economy about $200 billion a year, and profits on that scale attract organized crime and official corruption. Beyond the economic harm to people and businesses, violations endanger public health and safety: counterfeit medicines may not treat a condition or may cause harm through adulteration, and electrical devices bearing counterfeit marks may cause shocks or fires.""",
        "related": ["ipr-center"],
    },
    {
        "slug": "partnering-against-ipr-violations",
        "question": "How can my agency work with ICE against intellectual-property violations?",
        "answer": """ICE investigates criminal violations of IPR laws. It hosts the National IPR Coordination Center, set up in 2000 as the U.S. government's unified response to IPR crime, with investigators and analysts from ICE, U.S. Customs and Border Protection and the FBI.

The center takes allegations of IPR violations from the public and private sectors through the complaint form on its website, by e-mail, and on its toll-free hotline, 1-866-IPR-2060 (1-866-477-2060).""",
        "related": ["ipr-center"],
    },
    {
        "slug": "trade-based-money-laundering",
        "question": "What is trade-based money laundering, and how does ICE fight it?",
        "answer": """It is an alternative remittance system that lets criminal organizations earn, move and store proceeds disguised as legitimate trade, by false invoicing, over-invoicing or under-invoicing goods imported and exported around the world. The complex paperwork of legitimate trade hides the movement of value. Colombian drug cartels use it widely to bring home drug proceeds (the Black Market Peso Exchange), and underground banks, unlicensed money-service businesses and hawalas use trade to settle debts from remittances abroad: goods are bought in one country and sent to another, where they are sold and the proceeds paid to the intended recipient.

ICE's Financial and Trade Investigations Division created the Trade Transparency Unit, which analyzes trade data shared by other countries' trade transparency units. Comparing both sides of a transaction reveals anomalies that neither side shows alone. ICE also works with international bodies such as the Financial Action Task Force to raise awareness of the problem.""",
        "related": ["trade-transparency-unit"],
    },
    {
        "slug": "ice-and-the-jttf",
        "question": "Does ICE take part in the Joint Terrorism Task Forces (JTTF)?",
        "answer": """Yes. ICE is the second-largest federal contributor to the JTTF and has agents assigned to task-force offices across the United States. They bring immigration and customs expertise to investigate, detect, interdict, prosecute and remove terrorists, and to identify, disrupt and dismantle organizations that threaten the American people.""",
        "related": ["joint-terrorism-task-force"],
    },
    {
        "slug": "export-enforcement-roles",
        "question": "What is ICE's role in export enforcement, and how does it differ from the Department of Commerce's and the FBI's?",
        "answer": """ICE is the principal law-enforcement agency investigating violations of U.S. export-control laws: the Arms Export Control Act (military technology), the Export Administration Regulations (dual-use technology), the International Emergency Economic Powers Act (sanctions offenses) and the Trading with the Enemy Act. It also uses its border-search authority and the money-laundering statutes to prosecute violators and to help identify and seize criminal proceeds.

ICE's Office of Investigations had more than 5,500 special agents in over 200 field offices in the United States, and ICE kept 56 attaché offices in 43 countries, which conduct all investigations abroad of violations of U.S. export-control laws.

The Department of Commerce shares jurisdiction with ICE over violations of the Export Administration Regulations and the Export Administration Act. The FBI may investigate export cases that have a foreign-counterintelligence nexus, such as espionage or sabotage.""",
        "related": ["export-enforcement"],
    },
    {
        "slug": "international-visitors-program",
        "question": "What does ICE's International Visitors Program (IVP) do?",
        "answer": """The IVP helps ICE build and keep contacts with its foreign counterparts. Visits strengthen ICE's relationships with international law-enforcement agencies and senior officials, which leads to more successful investigations worldwide. Each visit needs thorough briefing materials, careful coordination, prior approval and an itinerary or agenda.""",
        "related": ["international-visitors-program"],
    },
    {
        "slug": "visa-security-program",
        "question": "What is the Visa Security Program?",
        "answer": """The Visa Security Program (VSP) is the ICE program that posts DHS officers at visa-issuing locations abroad. Its mission is to protect national security and public safety by keeping terrorists, criminals and other ineligible applicants from obtaining U.S. visas, and to make the most of the visa process as a counterterrorism tool.

The visa process is the first of several layers of border security, followed by transportation screening, maritime security, inspections at ports of entry, domestic investigations, intelligence, and detention and removal. Adding DHS law-enforcement capability to it lets threats be identified and reduced before they reach the United States, with benefits beyond the yes-or-no decision on a visa.""",
        "related": ["visa-security-program"],
    },
    {
        "slug": "overseas-training",
        "question": "What training does ICE's Office of International Affairs give overseas, and to whom?",
        "answer": """Law-enforcement officials of foreign governments receive training in:

- anti-money laundering and financial crimes;
- intellectual property rights;
- commercial and trade fraud;
- export control and arms trafficking;
- child exploitation and cyber crimes;
- human trafficking;
- fraudulent documents.""",
        "related": ["ice-international-training"],
    },
    {
        "slug": "container-security-initiative",
        "question": "What is ICE's role in the Container Security Initiative (CSI)?",
        "answer": """Under CSI, small numbers of U.S. Customs and Border Protection officers and ICE special agents work with host-nation counterparts to target every container that may pose a terrorist threat, protecting containerized shipping from exploitation by terrorists.

ICE agents open investigations with host-nation counterparts to discover, disrupt, deter and dismantle terrorist organizations trying to exploit international trade. ICE attachés, in more than 56 offices worldwide, give CSI teams management, investigative and administrative support.""",
        "related": ["container-security-initiative"],
    },
    {
        "slug": "which-field-office",
        "question": "Which ICE field office covers my jurisdiction?",
        "answer": """ERO has 25 field offices. The field-office page of this directory shows them on a map and in a list; choose your state or territory to see the office that covers it. Texas, California and New York are split between several offices by region or county, and the page says which part each office covers.

Each office's outreach mailbox follows the pattern City.Outreach@ice.dhs.gov, for example Atlanta.Outreach@ice.dhs.gov.""",
        "related": ["ero-field-offices"],
    },
    {
        "slug": "missed-court-date-ice-custody",
        "question": "A defendant missed court and may have been in ICE custody. How do we confirm it?",
        "answer": """File a Criminal Justice Stakeholder request. You can file it online through this portal, or call the ERO Detention Reporting and Information Line at 1-888-351-4024 (Monday to Friday, 8 a.m. to 8 p.m. Eastern) and ask for the Request Form, then send it to ERO.INFO@ice.dhs.gov or by standard mail. ERO answers with a Certification Form that, if the request is approved, gives the information you asked for.""",
        "related": ["criminal-justice-stakeholder-forms", "online-detainee-locator-system"],
    },
]


def seed(apps, schema_editor):
    Category = apps.get_model("programs", "Category")
    Program = apps.get_model("programs", "Program")
    Contact = apps.get_model("programs", "Contact")
    Link = apps.get_model("programs", "Link")
    FieldOffice = apps.get_model("programs", "FieldOffice")
    CoverageArea = apps.get_model("programs", "CoverageArea")
    FAQ = apps.get_model("programs", "FAQ")
    DirectoryRevision = apps.get_model("programs", "DirectoryRevision")

    categories = {}
    for order, (slug, name, description) in enumerate(CATEGORIES, start=1):
        categories[slug] = Category.objects.create(
            slug=slug, name=name, description=description, order=order * 10
        )

    programs = {}
    for data in PROGRAMS:
        aliases = data.get("aliases", [])
        keys = {_key(text) for text in [data["name"], data.get("acronym", ""), *aliases]}
        keys.discard("")
        program = Program.objects.create(
            slug=data["slug"],
            name=data["name"],
            acronym=data.get("acronym", ""),
            aliases="\n".join(aliases),
            component=data["component"],
            summary=" ".join(data["summary"].split()),
            body=data["body"].strip(),
            feature=data.get("feature", ""),
            is_published=True,
            last_reviewed=REVIEWED,
            lookup_keys=" " + " ".join(sorted(keys)) + " ",
        )
        program.categories.set([categories[slug] for slug in data["categories"]])
        for order, contact in enumerate(data.get("contacts", [])):
            Contact.objects.create(program=program, order=order, **contact)
        for order, (title, url, kind, description) in enumerate(data.get("links", [])):
            Link.objects.create(
                program=program,
                order=order,
                title=title,
                url=url,
                kind=kind,
                description=description,
            )
        programs[data["slug"]] = program
    for data in PROGRAMS:
        programs[data["slug"]].related.add(*[programs[slug] for slug in data.get("related", [])])

    for name, address, phone, areas in FIELD_OFFICES:
        slug = _slug(name)
        office = FieldOffice.objects.create(
            name=name,
            slug=slug,
            address=address,
            phone=phone,
            outreach_email=f"{name.replace('.', '').replace(' ', '')}.Outreach@ice.dhs.gov",
        )
        for jurisdiction, note in areas:
            CoverageArea.objects.create(field_office=office, jurisdiction=jurisdiction, note=note)

    for order, data in enumerate(FAQS, start=1):
        faq = FAQ.objects.create(
            slug=data["slug"],
            question=data["question"],
            answer=data["answer"].strip(),
            order=order * 10,
            is_published=True,
        )
        faq.related_programs.set([programs[slug] for slug in data["related"]])

    DirectoryRevision.objects.update_or_create(pk=1, defaults={"counter": 1})


def _key(text):
    import re

    return re.sub(r"[\W_]+", "", text.lower())


def _slug(text):
    import re

    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def unseed(apps, schema_editor):
    for model in ("FAQ", "CoverageArea", "FieldOffice", "Link", "Contact", "Program", "Category"):
        apps.get_model("programs", model).objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("programs", "0002_search_indexes")]

    operations = [migrations.RunPython(seed, unseed)]
