"""The attribution engine on sentences written for each construction, with the shipped
models. All texts go through one ``analyse_many`` call (one loaded pipeline)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator import engine

TEXTS = {
    "said_that": "The mayor of Springfield, John Carter, said on Tuesday that the bridge "
                 "would reopen next month.",
    "after": "The bridge will reopen next month, the city council said in a statement.",
    "told": "Transport Minister Anna Berg told journalists that rail fares would rise.",
    "told_after": "Prices will keep rising for months, economist Maria Lopez told Reuters.",
    "added": "Transport Minister Anna Berg opened the line on Monday. The minister added "
             "that the new trains were safe.",
    "adding": "“We are ready,” Police Chief Tom Harris said, adding that more officers "
              "would be deployed.",
    "warned": "The World Health Organization warned that the outbreak could spread further.",
    "denied": "Defence Minister Lars Olsen denied that troops had crossed the border.",
    "claimed": "The rebels claimed that they had captured the airport.",
    "believes": "Professor Jane Smith believes that the virus will weaken in summer.",
    "according": "According to the Interior Ministry, four people were arrested overnight.",
    "according_after": "Four people were arrested overnight, according to police.",
    "according_org": "Traffic rose by half last year, according to Google Analytics.",
    "org_short": "The Church of Scientology's lawyers filed papers on Monday. The Church said "
                 "the claims were false.",
    "asked": "The agency asked residents to stay indoors and to keep windows closed.",
    "direct_after": "“We will rebuild the school within a year,” Governor Amy Chen said.",
    "direct_curly_multi": "“The situation is under control. There is no reason to panic,” "
                          "Kremlin spokesman Dmitry Peskov told journalists.",
    "direct_straight": "\"Nobody expected this result,\" coach Peter Novak said after the match.",
    "colon": "President Maria Alvarez said: “We will not give up. Never.”",
    "split": "“The first part is done,” she said, “and the second part starts tomorrow.”",
    "inverted": "“The river is rising fast,” said Ahmed Karimi, a local farmer.",
    "passive": "It was announced by the health ministry that all schools would close.",
    "nested": "“We have to ask, ‘Could this be the big spark?’ This region could burn,” "
              "analyst Ricardo Baretzky said.",
    "paragraphs": "Health Minister Sara Lind spoke to reporters on Friday.\n"
                  "“The vaccine is safe and it works. We have tested it on thousands of "
                  "volunteers.\n“Everyone should get it before winter,” she said.",
    "scare": "Kazakhstan declared a moderate ‘yellow’ terrorist alert after the attack.",
    "no_cue": "Finance Minister Olga Ivanova said the budget was balanced. “We have cut "
              "spending in every ministry and we will keep doing so for three years.”",
    "mixed": "The senator said the plan was “a disaster waiting to happen” and would "
             "not pass.",
    "pronoun": "Interior Minister Kalmukanbet Kasymov visited the base. He said that the "
               "attackers had been stopped. “Six remain at large,” Kasymov said.",
    "hedge": "Officials said the fire may have been started deliberately.",
    "stray": "He said “this mark never closes and then\nThe next paragraph is ordinary "
             "news about a football match.",
    "coordinated": "The ministry said that the roads were closed and that the trains would "
                   "not run on Sunday.",
    "apposition": "Professor Cres Eastman, director of the National Iodine Study, said the "
                  "results were alarming.",
    "interview": "Wikinews interviewed the writer Aner Shalev last week. Shalev was born "
                 "in 1958.\nWhy do you write?\nIt is almost like God to some extent. I "
                 "think it is a combination of beauty and freedom.",
    "two_names": "Support came from President Barack Obama to Facebook founder Mark "
                 "Zuckerberg. Zuckerberg said the boy was welcome to visit the company.",
    "acronym": "According to Yonhap news agency, quoting North Korea's main news agency "
               "Korean Central News Agency (KCNA), the military has been placed on high "
               "alert. \"The enemy fired first,\" said KCNA.",
    "misspelt": "Kathryn Waters, director of the gallery, opened the show. \"Warhol was a "
                "businessman,\" Water said.",
    "misspelt_other": "Anna Jonas and Peter Jones met on Monday. \"It went well,\" Jones "
                      "said.",
    "two_speakers": "Anna Berg, Tom Harris and Maria Lopez said the plan would fail.",
    "gerund_subject": "The coach said that losing the final had been a painful lesson for "
                      "the young team.",
    "gerund_subject_2": "The mayor believes that building a second bridge would be a "
                        "tremendous waste of money.",
    "passive_subject": "Speaking in the couple's defense, Anna Reid, QC, said that, as the couple "
               "came from India, they should be declared not guilty.",
    "title": "The gallery also shows a screen print called \"Cowboys and Indians\" from "
             "1986. \"It is one of his best works,\" the curator said.",
    "according_relative": "Both countries keep a policy of turning away migrant boats "
                          "which, according to AFP, the United Nations has criticised.",
    "clause_before_cue": "With development of the new browser almost complete, Microsoft "
                         "announced on Friday that it is time for users to move away from "
                         "the old one.",
    "according_no_comma": "According to the Health Ministry more than 200 people have been "
                          "treated in hospital.",
    "show_clause": "The professor noted the figures show unemployment is falling again.",
    "modal_conj": "She says the repairs are difficult and will take months to finish.",
    "parenthetical": "The new rules, said Anna Berg, will apply from Monday.",
    "according_role": "The photographs were donated by the foundation, according to Kristen "
                      "Wilkins, assistant professor of photography and curator of the "
                      "exhibit.",
    "honorific": "Undersecretary for Education Mr Gabriele Toccafondi said that many schools "
                 "will increase their fees.",
    "as_told": "As Heald told The Huffington Post, surface ozone has dropped partly due to "
               "the Clean Air Act.",
    "report_of_report": "According to the New Zealand Herald, Professor John Burrows said "
                        "the flag had never been open to public choice.",
    "subjectless_rest": "The Prime Minister said he believes redesigning the flag now has a "
                        "strong rationale.",
    "title_in_place": "Spokeswoman Lydia Buchtmann for Food Standards Australia New Zealand "
                      "says they are looking at mandatory guidelines.",
    "new_subject": "After the match, Panama coach Hernan Gomez said, \"We have learned a lot "
                   "from today.\" Harry Kane won the Man of the Match award. He said, \"In the "
                   "first half it felt good out there.\"",
    "follow_on": "\"We have never seen anything like this,\" said Mayor Giulia Ferri of "
                 "Faenza. \"Entire streets are under water and the rain is not stopping.\"",
    "past_as_participle": "EU officials insisted the ruling sent \"a strong signal\" to "
                          "other tech companies.",
    "noting": "Analysts at Bernstein believe the fine will have little impact on Meta's "
              "finances, noting that the company earned more than 23 billion dollars last "
              "year.",
    "org_apposition": "The pilots' union, NPU, said its members had been left with no "
                      "choice.",
    "org_description": "Police in the city arrested two men on Tuesday. The Interior Ministry "
                       "opened an inquiry into the attack. The ministry said the suspects were "
                       "known to the authorities.",
    "role_apposition": "Popescu's lawyer, Dan Ionescu, said his client was innocent and "
                       "would appeal. The anti-corruption agency DNA said in a statement that "
                       "the ruling was fair.",
    "person_of_org": "Sarah Patel of Leeds Cycling Campaign said it was \"long overdue\".",
    "org_of": "The Federation of Small Businesses warned that at least a dozen shops could "
              "close.",
    "portfolio": "Secretary of State John Kerry said the talks would continue.",
    "source_participle": "Governor Anna Lindqvist raised rates. Two members voted against "
                         "the increase, according to minutes published later in the day.",
    "one_of_them": "One of them, economist Lars Berg, argued that the economy was already "
                   "slowing.",
    "dateline": "MADRID (Reuters) - Spain's government on Friday approved a law to cut the "
                "working week to 37.5 hours, Labour Minister Yolanda Diaz said.",
    "acronym_who": "GENEVA, Switzerland — The outbreak is over, the WHO said on Monday.",
    "age_participle": "\"We had ten minutes to get out,\" said Eleni Papadaki, 67, standing "
                      "outside a shelter in a school gym. The prime minister, Kyriakos "
                      "Mitsotakis, cut short a trip abroad. He said the state would rebuild.",
    "two_word_claim": "The company, Acme Corp, said profits rose.",
    "two_groups": "Police and prosecutors said the suspect had fled.",
    "relative_object": "My grandmother told me stories about storms that lasted for days.",
    "gerund_no_that": "Experts say banning cars from the centre would cut pollution.",
    "long_role_name": "Head of the Oslo branch of the Nordic Workers Union Erik Dahl said the "
                      "strike would go on. Chairwoman of the Riverside Tenants Association "
                      "Joan Miller said rents were too high.",
    "lead_in_paragraph": "Transport Minister Anna Berg wrote on her blog:\n“The bridge will "
                         "reopen on Monday. Repairs took longer than we planned.”\nLocal "
                         "police chief Tom Reed stated,\n“Nobody was hurt in the crash. The "
                         "driver was taken to hospital as a precaution.”",
    "acronym_alone": "The World Health Organisation (WHO) recommends that every country "
                     "should iodise salt. WHO say the cost is small.",
    "org_title_name": "University of Leeds Student Union president Linda Okafor said the fees "
                      "would rise.",
    "interview_title": "Interview with marine biologist Ingrid Solberg\nMonday, March 2, 2026\n"
                       "What did you find on the island?\nWe counted the seals. Tom Hardy, our "
                       "boat captain, helped a lot. I think the colony is growing fast.",
    "interview_opening": "Strike enters its second week\nReporters spoke with Erik Dahl, head of "
                         "the dockworkers union, about the strike.\nHas the company made an "
                         "offer?\nNot yet. Their manager, Anna Berg, came to the gate on "
                         "Monday. I believe the strike will last another month.",
    "report_says": "Professor Lena Dahl led the survey. \"We counted every school,\" she "
                   "said. The report says most pupils walk to school.",
    "in_the_words_of": "The damage was severe and, in the words of the fire chief, Tom Reed, "
                       "\"nobody inside could have survived the heat of the first hour.\"",
    "researchers_found": "The Environment Agency said rivers were cleaner. The researchers "
                         "found that farm runoff had fallen by a third.",
    "apposition_subject": "Maria Kovacs, a retired teacher and former councillor, has argued "
                          "that the school was badly run.",
    "asked_participle": "Asked whether he would resign, Johnson said: “No. I have work to do.”",
    "other_title": "“We will not give up,” said Maria Lopez, a spokeswoman for the union. The "
                   "minister said the plan would fail.",
    "possessor_office": "Prime Minister Keir Starmer's office said he would travel to Brussels.",
    "name_between_commas": "The mayor of Faenza, Massimo Isola, said the water supply had "
                           "been cut.",
    "modified_body": "Italy's civil protection agency warned that more rain was expected. "
                     "According to the finance ministry, the first payments could arrive "
                     "within a week.",
    "by_participle": "Also the president of the Lombardy region, Roberto Maroni, has reacted "
                     "by proposing some regional counter-measures to finance private schools.",
    "and_responded": "Shares fell sharply on Monday, and the company responded by saying it "
                     "would cut costs.",
    "as_after_cue": "Heavy rain forced more than 20,000 people from their homes in "
                    "Emilia-Romagna on Wednesday, regional officials said, as rivers burst "
                    "their banks for the second time in a month.",
    "told_outlet": "\"We don't want to strike,\" Dr Banfield told Sky News. \"But pay has "
                   "fallen by a quarter since 2008, and doctors are leaving for Australia.\"",
    "think_tank": "The King's Fund, a health think tank, estimates that the strikes have "
                  "cost the NHS more than 1 billion pounds.",
    "object_as_subject": "Fire chief Tom Reed said 400 firefighters, 12 aircraft and "
                         "volunteers from five countries were fighting the blaze.",
    "observatory": "According to the National Observatory of Athens, last month was the "
                   "hottest July on record.",
    "other_body": "The airline said it regretted the disruption. The union says pilots have "
                  "taken pay cuts worth 20 percent since 2020.",
    "if_convicted": "If convicted, Ruiz faces up to eight years in prison, legal experts said.",
    "titled_apposition": "The key witness, businessman Pablo Serrano, testified that he had "
                         "handed Ruiz envelopes of cash.",
    "apposition_after_cue": "\"We are running out of time,\" said Eri Kaneko, a spokesperson "
                            "for the UN's humanitarian office, OCHA.",
    "headline_description": "Retired teacher claims council ignored three flood warnings\n"
                            "Margaret Olsen, a retired teacher from Hull, said on Monday that "
                            "the council had ignored three warnings about the river.",
    "named_report": "The National Iodine Nutrition Study was published this week. The "
                    "report says bread should be made with iodised salt.",
    "spaced_hyphen": "Executive director of the Leeds branch of the Council on British - "
                     "Polish Relations Sarah Jones said the grant would be renewed.",
    "dislocated_subject": "George Bush said that NATO would not expand. And the head of "
                          "NATO, Hoop Scheffer, he has explained that NATO must protect "
                          "pipelines.",
    "name_of_organisation": "Martin Lindgren, head of the pilots' union, said the strike "
                            "could last weeks. Transport analyst Eva Holm of Nordea Markets "
                            "said SAS could not afford a long dispute. \"Every day on the "
                            "ground costs them around 10 million crowns,\" she said.",
    "pronoun_gender": "Anna Berg, the transport minister, said the line would open in May. "
                      "\"We are on schedule,\" she said. Mr Tom Harris, the opposition "
                      "spokesman, said the budget had doubled. \"The money is there,\" "
                      "she said.",
    "time_first": "Yesterday Transport Minister Anna Berg said the line would open in May.",
    "headline_role": "Mayor says flood defences will be ready\nThe mayor of Carlisle, Helen "
                     "Ward, said on Thursday that new flood barriers would be finished. \"We "
                     "are ready,\" the mayor said.",
    "age": "Janet Greene, 67, whose house flooded twice, said she would believe it when she "
           "saw it.",
    "colon_lead_in": "Janet Greene, whose house flooded twice, said she would believe it "
                     "when she saw it. Her neighbour, retired postman Alan Price, was "
                     "blunter: \"They have promised this before.\"",
    "colon_before_mixed": "Smith spoke after the vote. The mood was grim: \"We have lost "
                          "everything we worked for,\" one delegate said.",
    "organisation_in_sentence": "Shares in Microsoft rose after the company said that "
                                "profits had doubled.",
    "participle_as_past": "Red Electrica said demand peaked at 41,500 megawatts shortly "
                          "after 2pm.",
    "participle_as_participle": "The charity said funds raised at the gala would go to "
                                "flood victims.",
    "second_subject": "The Spanish Society of Emergency Medicine said hospitals in Andalusia "
                      "had seen a 30 percent rise in admissions.",
    "role_after_quotation": "\"My client is innocent,\" the lawyer, Andris Ozols, told "
                            "reporters outside the court.",
    "they_organisation": "In a statement to the broadcaster, the Church of Scientology denied "
                         "these allegations. She was never forced to work in the engine "
                         "room. They also claimed Paris was a volunteer.",
    "relative_who": "Police questioned the driver, who said that he had not seen the "
                    "cyclist. The minister, who told reporters the plan was sound, left early.",
    "reasoned": "The city reasoned that private schools run a commercial activity.",
    "they_recent_organisation": "The BBC said the show was a hit. In an interview, Stephen "
                                "Colbert said of his time at Second City that they had "
                                "avoided politics. They felt it was overdone.",
    "person_of_organisation_after_cue": "\"Three hundred and fifty million is pocket change "
                                        "for a company this size,\" said Ursula Kent of the "
                                        "European Consumer Organisation.",
    "quoted_as_saying": "The company's founder, Mikael Sundberg, was quoted as saying he was "
                        "\"deeply sorry\" to users.",
    "introduced_as_company": "The European Commission fined the social media company Chatter "
                             "350 million euros on Monday. Chatter said it would appeal. In a "
                             "post on its blog, the company wrote that it disagreed with the "
                             "decision.",
    "company_john_founded": "The company John founded in 1990 employs 400 people. John said "
                            "the company would grow.",
    "split_partners": "And George Bush and James Baker, secretary of state, agreed that NATO "
                      "would not expand one inch to the east.",
    "quantifier": "As a result some folks believe the site is a more humane place to work.",
    "study_named_later": "A new study of school children has revealed that many are not "
                         "getting enough iodine. The results of the National Iodine Nutrition "
                         "Study were published this week.",
    "title_tagged_verb": "Former Rovers captain Gary Neale, now a pundit, told Sky Sports the "
                         "result was \"the lowest point in the club's modern history\".",
    "possessive_subject": "Sean Doyle said his players had created enough chances. The "
                          "club's chairman, Peter Walsh, was less forgiving. In a post on X, "
                          "he wrote that the performance was unacceptable.",
    "sports_role": "Dunmore's goalkeeper Ryan Hale said the win was the best moment of his "
                   "career.",
    "possessive_source": "The airline said it had cancelled 300 flights. Its statement said "
                         "the strike was illegal.",
    "plural_possessive": "Employers' association CEOE criticised the plan, saying it would "
                         "raise costs for small companies.",
    "role_then_dr": "Hydrologist Dr Kevin Winter of the University of Cape Town said the "
                    "crisis had been predicted a decade ago.",
    "apposition_conjoined_cue": "RMT general secretary Mick Lynch said the offer was poor. The "
                                "Transport Secretary, Grant Shapps, called the strike "
                                "\"completely unjustified\" and urged union leaders to "
                                "return to the negotiating table.",
    "apposition_relative": "\"I'll lose two days' pay,\" said Sarah Okafor, a nurse who "
                           "travels from Reading to London.",
    "clause_after_subordinate": "A 48-hour rail strike will go ahead on Thursday after "
                                "last-minute talks between the RMT union and Network Rail "
                                "broke down, both sides said.",
    "broken_name": "\"This will push many small firms over the edge,\" said Karin Holm, chief "
                   "executive of the Federation of Private Enterprises. Finance Minister Johan "
                   "Ek, however, backed the decision. He said the government and the bank "
                   "shared the same goal.",
    "role_then_quote": "\"This is the third recall in five years,\" said Tom Reilly, "
                       "director of the Heart Patients Alliance. \"At some point we have to "
                       "ask whether the system is working.\"",
    "it_not_plural": "The agency said patients should not stop taking their medicine "
                     "without talking to a doctor. \"The risk to any individual patient is "
                     "very low,\" it said in a statement.",
    "reduced_relative": "Dr. Helen Marsh, a pharmacologist at University College London "
                        "who was not involved in the tests, said the levels found were "
                        "\"well below what would cause concern over a short period\".",
    "one_of_them_nmod": "One of them, retired teacher Anne Kowalski, 71, said she had used "
                        "the Eastside library every week for forty years.",
    "councilman": "Councilman Rafael Ortiz said he would introduce an amendment to restore "
                  "funding for the libraries.",
    "group_named_before": "Employers' group VRS accused the union of holding the economy "
                          "hostage. In a statement, the group said it had offered a 6 percent "
                          "raise over two years.",
    "surname_as_noun": "Hale's lawyer, Daniel Price, said his client would appeal. \"Mr Hale "
                       "has always maintained his innocence,\" Price told reporters.",
    "employee_she": "Judge Miriam Carter said the sentence had to deter others. One former "
                    "employee, who asked not to be named, said staff had been afraid to speak "
                    "up. \"You did what you were told or you were out,\" she said.",
    "its_role": "The Financial Conduct Authority welcomed the verdict. Its director of "
                "enforcement, Therese Chambers, said the case showed that senior managers "
                "would be held to account.",
    "its_role_appos": "Its chief executive, Allard Castelein, told Dutch radio that the "
                      "backlog would take weeks to clear.",
    "inserted_clause": "Other experts agreed. Climate models, she said, had predicted this "
                       "for years.",
    "spokesman_for": "A spokesman for Zermatt Bergbahnen said the resort's own measurements "
                     "showed a smaller loss.",
    "called_short": "Lufthansa called the strike \"completely disproportionate\". Personnel "
                    "chief Michael Niggemann said the airline had offered a 5.5 percent rise.",
    "letter_not_role": "Police Commissioner David Lowe resigned on Monday. In a letter to the "
                       "mayor, Lowe said he accepted \"full responsibility\" for the failures.",
    "it_the_review": "The review found that officers had used excessive force on at least four "
                     "occasions. It said commanders had ignored warnings from their own "
                     "intelligence unit.",
    "transcript_turn": "How did you react?\n\nRuiz: Honestly, I did not think at all. I just "
                       "carried boxes upstairs.",
    "and_in_org_name": "The Food and Drink Federation, which represents manufacturers, said "
                       "processed food could be part of a healthy diet.",
    "they_researchers": "The researchers found that women who ate nine portions a day had a "
                        "higher risk. Artificial sweeteners appeared to play a particular role, "
                        "they said.",
    "familiar_with": "Taiwan Semiconductor has said it cannot expand capacity fast enough, "
                     "according to people familiar with the matter.",
    "lead_role_named_later": "Chipmaker reports record revenue\n\nNvidia reported record "
                             "quarterly revenue on Wednesday, and its chief executive said "
                             "demand for its artificial intelligence chips was \"off the "
                             "charts\".\n\nChief financial officer Colette Kress "
                             "said margins would dip. Jensen Huang, the chief executive, told "
                             "analysts that the next chips were sold out.",
    "possessive_spokesman": "Tom Ellison wrote that he had done nothing wrong. The prime "
                            "minister's spokesman said Ellison had \"done the right "
                            "thing\".",
    "he_unknown_name": "Labour's deputy leader, Angela Rayner, said the messages raised "
                       "\"serious questions\". The donor, property developer Nigel Farr, "
                       "denied any wrongdoing. 'I have never asked a minister for a favour in "
                       "my life,' he told the Guardian.",
    "ist_role": "\"This is a bigger eruption than the last one,\" geophysicist Magnus Tumi "
                "Gudmundsson told public broadcaster RUV.",
    "her_object": "When the alarm went off, Maria Santos thought it was another false alarm. "
                  "Then she smelled the smoke. Her neighbour, Joseph Okonkwo, banged on her "
                  "door and helped her down eleven flights of stairs. \"He carried my bag and "
                  "held my hand the whole way,\" she said.",
    "age_recalled": "Maria Santos thought it was another false alarm. \"It happened every few "
                    "weeks, so at first I just turned over and tried to sleep,\" the "
                    "74-year-old recalled on Tuesday, sitting in a community centre.",
    "age_told": "Dunmore's goalkeeper Ryan Hale, who made nine saves, said the win was the best "
                "moment of his career. \"My phone hasn't stopped buzzing. My mum is in "
                "tears,\" the 23-year-old told reporters.",
    "said_a_woman_who": "\"People were screaming and running everywhere,\" said a 22-year-old "
                        "woman who asked not to be named.",
    "claim_subject_on_cue": "Officers were called to Market Street at about 2:30 a.m. One of "
                            "the men was in a serious but stable condition, a police "
                            "spokeswoman said.",
    "told_relative": "Witnesses told the Evening Post they heard at least four shots.",
    "shared_surname": "Brian and Susan Clarke, both 38, appeared in court on Monday. Mr Clarke "
                      "told the court he had \"never hurt\" the boy.",
    "statement_from": "A statement from the county council said social workers had visited "
                      "the family twice. \"Our thoughts are with everyone affected,\" the "
                      "statement said.",
    "conj_cue": "Pharmacists reported long queues and some said they had run out of doses "
                "within hours.",
    "who_voted_backed": "The Educational Institute of Scotland (EIS) said 91 percent of "
                        "members who voted backed action, on a turnout of 72 percent.",
    "headline_colon": "'We will not back down': teachers vote to strike\n\nTeachers in "
                      "Scotland have voted to strike over pay, their union announced on Friday.",
    "title_apposition": "A spokesman for the Sudanese army, Brigadier General Nabil Abdallah, "
                        "denied that the military was blocking aid.",
    "acronym_org": "Fighting between the army and the paramilitary Rapid Support Forces "
                   "continued. The RSF said in a statement on Telegram that its forces were "
                   "protecting humanitarian corridors.",
    "party_state": "\"This is not how we should govern, but a shutdown would hurt millions "
                   "of families,\" Senate Majority Leader Chuck Schumer, D-N.Y., said on the "
                   "floor.",
    "party_state_short": "\"This is not how we should govern,\" Senate Majority Leader Chuck "
                         "Schumer, D-N.Y., said on the floor.",
    "speaker_hung_in_claim": "\"Had it happened an hour later it would have been much worse,\" "
                             "Khaled Al-Maeena, editor at large at the Saudi Gazette, said. "
                             "\"Had it happened five hours earlier, I think the death toll "
                             "would have been more than a thousand.\"",
    "according_then_which": "More than 3,000 people were evacuated overnight, local "
                            "authorities said. The fire had burned 1,200 hectares by morning, "
                            "according to the regional prefecture, which said 800 firefighters "
                            "were fighting the blaze.",
    "prefect_tagged_verb": "\"The next 24 hours will be decisive,\" prefect Christophe "
                           "Mirmand told France Info radio.",
    "org_not_person": "The pilots' union Vereinigung Cockpit said management had refused to "
                      "improve its offer. Taiwan Semiconductor, which makes most of Nvidia's "
                      "chips, has said it cannot expand capacity fast enough.",
    "org_name_cut_short": "The results of the Australian National Iodine Nutrition Study "
                          "published this week revealed that children are borderline iodine "
                          "deficient. The report says adding the mineral to salt would help.",
    "camel_case": "TikTok said it disagreed with the decision and planned to appeal. DeSantis "
                  "said the bill would pass.",
    "body_spokesperson": "A Department of Health spokesperson said: \"We are investing record "
                         "amounts in the NHS.\"",
    "calling_them": "The prime minister's office on Tuesday denied reports of a rift with the "
                    "finance minister over next year's budget, calling them \"pure "
                    "speculation\".",
    "treasury": "In a brief statement, the Treasury said the minister \"continues to work "
                "closely with the prime minister\".",
    "title_tagged_verb_after": "\"Workers are paying for management's mistakes,\" said works "
                               "council chief Ergun Lümali.",
    "dateline_org": "Carmaker to cut jobs\n\nSTUTTGART — Mercedes-Benz will cut 4,000 jobs in "
                    "Germany over the next three years, the carmaker said on Wednesday.",
    "said_the_fine": "Privacy campaigner Max Schrems, whose complaint triggered the case, "
                     "welcomed the ruling but said the fine could have been higher. \"Meta has "
                     "been breaking the law for ten years,\" he told the BBC.",
    "us_abbreviated_titles": "Sen. Rand Paul, who voted against the bill, said Congress was "
                             "\"addicted to spending\". Rep. Pramila Jayapal (D-Wash.) told CNN "
                             "that progressives would fight for more housing money.",
    "programme": "The World Food Programme said it had been forced to suspend deliveries "
                 "to parts of Gezira state.",
    "two_roles_name": "Veteran diplomat and former ambassador Peter Lindgren commented that "
                      "the talks had stalled.",
    "federation_named": "The Maritime Workers Federation said members had voted "
                        "overwhelmingly for action.",
    "age_then_role": "Residents said they felt let down. \"We trusted him,\" said Joan Pike, "
                     "71, a retired nurse. \"He looked us in the eye.\"",
    "in_what_x_called": "A former mayor was jailed for six years on Friday, in what "
                        "prosecutors called \"the worst abuse of office this county has "
                        "seen\".",
    "post_nominal": "Opening the case, prosecutor Catherine Moyo KC said the payments were "
                    "hidden. Ms Moyo said the accounts were false.",
    "cllr_apposition": "Cllr Dev Anand, ward councillor for Millbrook, said the branch was "
                       "busy. Dockworker Shaun Reilly said he had never been on strike.",
    "downing_street": "Downing Street said the prime minister retained \"full confidence\" in "
                      "the minister.",
    "according_to_org_of": "According to a survey by the Indian Council for Agrarian Studies, "
                           "nearly 52 per cent of households are in debt. According to the "
                           "Ashland Bureau of Investigation, which compiles crime statistics, "
                           "the state recorded 412 violent crimes.",
    "org_names": "The Retail and Distribution Workers' Union said it would seek talks. The "
                 "GMB union said members would strike. The campaign group Friends of "
                 "Eastfield Libraries said it had collected 4,127 signatures.",
    "one_of_them_title": "Outside court, a group of veterans held a banner. One of them, former "
                         "Royal Marine Steve Doyle, 64, said he had slept rough for two years. "
                         "\"I just want to know where the money went,\" he said.",
    "the_statement_said": "The trust's former chairman, Philip Sanderson, said in a witness "
                          "statement that he had no idea of the payments. \"We trusted him "
                          "completely,\" the statement said.",
    "dateline_saying": "Farmers walk out\nNEW DELHI: Opposition MPs staged a walkout in the Lok "
                       "Sabha on Wednesday after Finance Minister Suresh Bhandari rejected "
                       "demands for a nationwide farm loan waiver, saying the government would "
                       "instead expand direct income support to smallholders.",
    "role_not_across_after": "MPs staged a walkout in the Lok Sabha on Wednesday after Finance "
                             "Minister Suresh Bhandari rejected demands for a waiver. \"A "
                             "waiver helps the banks,\" Bhandari said.",
    "mayor_ward": "The mayor of Carlisle, Helen Ward, said on Thursday that new flood barriers "
                  "would be finished before winter. Ward insisted the money was well spent.",
    "dr_in_apposition": "\"The fracture was known about,\" the board's chief inspector, Dr Mei "
                        "Lin Foster, said at a briefing in Derby.",
    "dr_in_apposition_curly": "“The fracture was known about,” the board’s chief inspector, Dr "
                              "Mei Lin Foster, said at a briefing in Derby.",
    "title_with_of": "Leader of the Opposition Meera Raghavan called the announcement \"a cruel "
                     "joke\". Ms Raghavan said her party would fight.",
    "study_named_before": "The results of the Australian National Iodine Nutrition Study, "
                          "published this week, were alarming. The report says adding the "
                          "mineral to salt would help.",
    "reporter_question": "Head coach Pieter de Vos was furious, claiming that Barrow had been "
                         "fouled. \"It is a clear foul,\" De Vos told BBC Radio Dunmore. When "
                         "one reporter asked, \"Is the title race over?\", De Vos shook his "
                         "head. \"Nine points is a lot,\" he said.",
    "shared_surname_opening": "Margot Fairley, the actor, has died at 88.\n\"She was funny "
                              "and fierce,\" her son, the director Thomas Fairley, said.\n"
                              "Born in Leeds, Fairley won a scholarship to drama school. In a "
                              "1998 interview, Fairley said she had turned down three Hollywood "
                              "contracts.",
    "signs_and_chants": "Outside the Capitol, demonstrators held signs reading \"Fund the "
                        "government, not the games\" and \"Do your jobs.\" Strikers held "
                        "placards reading “Profits up, pay down” and “Felbridge works because "
                        "we do, and every last one of us knows it”. Veterans held a banner "
                        "that read ‘Our money, our homes’. "
                        "Officers searched three so-called “trap houses”, flats taken over by "
                        "dealers. Several hundred strikers chanted “Fair pay or no ships” as "
                        "lorries were turned away.",
    "org_introduced": "The inquiry follows a survey by the children's charity Kidsafe Online, "
                      "published in September. The charity said that a third of children had "
                      "used the chatbot. The regulator opened an investigation into Nimbus AI, "
                      "the company behind the chatbot. Nimbus AI said it was surprised. It "
                      "denied that it had knowingly collected data. Jane Roe, the company's "
                      "founder, said it would cooperate.",
    "role_between_quote_and_name": "“We are deeply sorry for the disruption,” Trackline’s "
                                   "managing director, Steven Ashdown, said.",
    "speaker_dismissed": "House Speaker Robert Kline said the House would act. Opposition "
                         "Leader Karen Mitchell-Hale dismissed the claim as “a desperate scare "
                         "campaign from a government that has run out of ideas”. Union "
                         "leaders branded the offer “an insult to every worker in this "
                         "country”.",
    "plain_roles": "Margot Fairley, actor who lit up stage and screen, dies aged 88\nMargot "
                   "Fairley has died. \"I'm a cloudy-day person,\" Fairley once said. Her "
                   "agent of 30 years, Lucy Barrington, said she had been writing a memoir. "
                   "One doctor said patients were dying. Her neighbour, retired postman "
                   "Alan Price, was blunter: \"They have promised this before.\"",
    "based_company": "Brightwater Energy Inc. said on Tuesday it would build a solar farm in "
                     "Nevada. The Denver-based company announced in a press release that "
                     "construction would begin next year.",
    "he_after_mr_subject": "Greens leader Adam Forsyth said his party would not back "
                           "either side. Mr Renshaw declined to say whether he would "
                           "negotiate. \"I'm not going to get into hypotheticals,\" he told "
                           "Sky News.",
    "she_not_the_apposition": "Officers said the raids went well. However, Carla Heaton, "
                              "director of the Hollins Youth Project, warned that arrests "
                              "would not end the problem. \"The next lot will be recruiting "
                              "by the weekend,\" she said.",
    "said_one_woman": "Officers told residents to stay indoors. \"It sounded like a bomb going "
                      "off,\" said one woman, who did not want to be named.",
    "according_to_who": "Women who drink sugary drinks daily are more likely to develop "
                        "liver disease, according to researchers who tracked almost 98,000 "
                        "women for two decades.",
    "title_proper_noun_apposition": "Residents were angry. But the local MP, Sarah Quinlan, "
                                    "said the valley had been neglected for years.",
    "company_short_name": "Brightwater Energy Inc. said on Tuesday it would build a solar "
                          "farm. Brightwater said it had signed a 20-year agreement with the "
                          "utility.",
    "ing_name_and_known_surname": "State Senator Carl Benning debated Governor Marisa "
                                  "Quintero on Tuesday. Ruth Abernathy, a criminologist, "
                                  "said the comparison was misleading. Quintero has made "
                                  "questionable claims of her own. In an ad, she said crime "
                                  "had fallen.\nOur ruling\nBenning said violent crime had "
                                  "doubled under Quintero.",
    "said_then_participle": "FRANKFURT (Reuters) - Germany's biggest airline cancelled more "
                            "than 800 flights on Thursday as pilots walked out over pay, the "
                            "carrier said, stranding tens of thousands of passengers. A "
                            "spokesman told ERT that the fire was spreading. He said 400 "
                            "firefighters, 12 aircraft and volunteers from five countries "
                            "were fighting the blaze.",
    "the_source_said": "A spokeswoman for the developer said he had no involvement. According "
                       "to a government source, the inquiry could take six months. The source "
                       "said investigators would examine every grant since 2021.",
    "hours_after_x_reported": "Housing Minister Julie Tran resigned on Friday, hours after a "
                              "newspaper reported that her department had approved grants to "
                              "companies linked to her husband.",
    "the_agency": "The Food and Drug Administration said the pills may contain a chemical "
                  "linked to cancer. The agency urged patients not to stop taking the "
                  "medication.",
    "found_and_was": "Calder said in a statement it had found the impurity during routine "
                     "testing and was cooperating with regulators.",
    "apposition_with_age": "A passenger at Frankfurt airport, Maria Schmidt, 34, said she "
                           "had been trying to get home for two days.",
}


@pytest.fixture(scope="module")
def results():
    return dict(zip(TEXTS, engine.analyse_many(list(TEXTS.values())), strict=True))


def one(results, key, kind=None):
    found = results[key].attributions
    if kind:
        found = [a for a in found if a.kind == kind]
    assert found, f"nothing found in {key!r}: {TEXTS[key]}"
    return found[0]


def test_said_that_a_and_that_b_is_one_claim(results):
    a = one(results, "coordinated")
    assert a.content == "the roads were closed and that the trains would not run on Sunday"


def test_an_apposition_beats_a_bare_title(results):
    a = one(results, "apposition")
    assert a.speaker_name == "Cres Eastman"
    assert a.speaker_role == "director of the National Iodine Study"


def test_i_in_an_interview_answer_is_the_person_named_most_often(results):
    a = one(results, "interview")
    assert a.cue == "think" and a.speaker == "I"
    assert a.speaker_name == "Aner Shalev"  # not "God", the last name before it


def test_a_role_does_not_reach_back_over_another_name(results):
    a = one(results, "two_names")
    assert a.speaker_name == "Mark Zuckerberg"
    assert a.speaker_role == "Facebook founder"


def test_an_acronym_takes_the_full_name_written_before_it(results):
    # the NER leaves "Korean Central News Agency" unmarked; it is still KCNA's full name
    a = one(results, "acronym", "direct")
    assert a.speaker == "KCNA"
    assert a.speaker_name == "Korean Central News Agency"


def test_according_to_x_quoting_y_leaves_the_quoting_out_of_the_claim(results):
    a = one(results, "acronym", "indirect")
    assert a.cue == "According to" and a.speaker_name == "Yonhap news agency"
    assert a.content == "the military has been placed on high alert"


@pytest.mark.parametrize("key", ["gerund_subject", "gerund_subject_2"])
def test_a_that_clause_with_a_gerund_subject_is_one_claim(results, key):
    # the compact parser splits these clauses in two; the claim is the whole clause
    a = one(results, key)
    assert a.content == TEXTS[key].split(" that ", 1)[1].rstrip(".")


def test_a_passive_cue_is_not_a_claim_of_its_subject(results):
    # "they should be declared not guilty": "they" are declared, they declare nothing
    found = results["passive_subject"].attributions
    assert [(a.cue, a.speaker_name) for a in found] == [("said", "Anna Reid")]
    assert found[0].content == "as the couple came from India, they should be declared not guilty"


def test_a_quoted_title_is_not_speech(results):
    found = results["title"].attributions
    assert [a.content for a in found] == ["It is one of his best works,"]


def test_according_to_inside_a_relative_clause_attributes_the_clause(results):
    found = results["according_relative"].attributions
    assert [(a.cue, a.speaker_name, a.content) for a in found] == [
        ("according to", "AFP", "the United Nations has criticised")]


@pytest.mark.parametrize("key,cue,content", [
    # a clause the parse hung on the cue from before does not hide the one after it
    ("clause_before_cue", "announced",
     "it is time for users to move away from the old one"),
    # no comma after the source: the source is the noun phrase after "to"
    ("according_no_comma", "According to", "more than 200 people have been treated in hospital"),
    # "show" takes a clause of its own inside the claim
    ("show_clause", "noted", "the figures show unemployment is falling again"),
    # "and will take": the claim goes on, the speaker does not "will take"
    ("modal_conj", "says", "the repairs are difficult and will take months to finish"),
])
def test_the_whole_claim_when_the_parse_splits_it(results, key, cue, content):
    a = one(results, key)
    assert (a.cue, a.content) == (cue, content)


def test_a_cue_set_off_by_commas_inside_the_claim(results):
    a = one(results, "parenthetical")
    assert (a.speaker_name, a.cue) == ("Anna Berg", "said")
    assert a.content == "The new rules, said Anna Berg, will apply from Monday"


def test_according_to_x_comma_role_at_the_end(results):
    # the phrase after the name is X's role, not the claim
    a = one(results, "according_role")
    assert a.content == "The photographs were donated by the foundation"
    assert a.speaker_name == "Kristen Wilkins"
    assert a.speaker_role == "assistant professor of photography and curator of the exhibit"


def test_an_honorific_is_not_part_of_the_role(results):
    a = one(results, "honorific")
    assert (a.speaker_name, a.speaker_role) == ("Gabriele Toccafondi",
                                                "Undersecretary for Education")


def test_as_x_told_y_attributes_the_main_clause(results):
    a = one(results, "as_told")
    assert (a.cue, a.speaker_name) == ("told", "Heald")
    assert a.content == "surface ozone has dropped partly due to the Clean Air Act"


def test_a_report_of_a_report_gives_both_claims(results):
    # the Herald reports that Burrows said something: two attributions, nested
    found = {a.cue: a for a in results["report_of_report"].attributions}
    assert found["According to"].speaker_name == "New Zealand Herald"
    assert found["According to"].content.startswith("Professor John Burrows said")
    assert found["said"].speaker_name == "John Burrows"
    assert found["said"].content == "the flag had never been open to public choice"


def test_a_verb_without_subject_continues_the_claim(results):
    a = one(results, "subjectless_rest")
    assert a.content == "he believes redesigning the flag now has a strong rationale"


def test_a_title_makes_a_person_even_inside_a_place_entity(results):
    # the NER marks the whole phrase as a place; the title before the name decides
    a = one(results, "title_in_place")
    assert (a.speaker_name, a.speaker_role, a.speaker_type) == (
        "Lydia Buchtmann", "Spokeswoman", "person")


def test_he_is_the_person_who_opened_the_sentence_before(results):
    # not the last speaker: Harry Kane was named as a subject since Gomez spoke
    found = results["new_subject"].attributions
    assert [a.speaker_name for a in found] == ["Hernan Gomez", "Harry Kane"]


def test_a_quote_after_the_speakers_own_titled_mention_keeps_the_speaker(results):
    # the NER marks "Giulia Ferri of Faenza", the parse makes "Mayor" the head: both
    # are the speaker's own mention, not another person named between the quotes
    found = results["follow_on"].attributions
    assert [(a.kind, a.speaker_name) for a in found] == [("direct", "Giulia Ferri")] * 2


def test_a_past_tense_tagged_as_participle_still_makes_a_claim(results):
    a = one(results, "past_as_participle")
    assert (a.cue, a.speaker_name) == ("insisted", "EU officials")
    assert a.content == 'the ruling sent "a strong signal" to other tech companies'


def test_a_participle_cue_is_a_claim_of_its_own_by_the_same_speaker(results):
    found = {a.cue: a for a in results["noting"].attributions}
    assert found["believe"].content == "the fine will have little impact on Meta's finances"
    assert found["noting"].speaker == "Analysts at Bernstein"
    assert found["noting"].content == "the company earned more than 23 billion dollars last year"


def test_an_organisations_name_in_apposition_is_its_name_not_a_role(results):
    a = one(results, "org_apposition")
    assert (a.speaker_name, a.speaker_type, a.speaker_role) == ("NPU", "organization", None)


def test_the_ministry_is_the_ministry_named_before(results):
    a = one(results, "org_description")
    assert a.speaker == "The ministry"
    assert (a.speaker_name, a.speaker_type) == ("Interior Ministry", "organization")


def test_the_noun_phrase_before_a_name_in_apposition_is_the_role(results):
    lawyer, agency = results["role_apposition"].attributions
    assert (lawyer.speaker_name, lawyer.speaker_role) == ("Dan Ionescu", "Popescu's lawyer")
    # a name after an organisation noun names an organisation
    assert (agency.speaker_name, agency.speaker_type) == ("DNA", "organization")


def test_a_person_of_an_organisation_is_a_person(results):
    # the NER marks the whole phrase as an organisation
    a = one(results, "person_of_org")
    assert (a.speaker_name, a.speaker_type) == ("Sarah Patel", "person")
    # a word of the claim outside the quotation marks makes it mixed, not direct
    assert (a.kind, a.content) == ("mixed", 'it was "long overdue"')


def test_an_organisation_name_goes_on_after_of(results):
    a = one(results, "org_of")
    assert (a.speaker_name, a.speaker_type) == ("Federation of Small Businesses",
                                                "organization")


def test_a_title_with_its_portfolio_before_the_name(results):
    a = one(results, "portfolio")
    assert (a.speaker_name, a.speaker_role) == ("John Kerry", "Secretary of State")


def test_according_to_a_noun_with_a_participle_after_it(results):
    # the source is "minutes", not "the day" (nor the governor that "the day" linked to)
    a = one(results, "source_participle")
    assert (a.cue, a.speaker) == ("according to", "minutes")


def test_one_of_them_named_in_apposition(results):
    a = one(results, "one_of_them")
    assert (a.speaker_name, a.speaker_role) == ("Lars Berg", "economist")
    assert a.content == "the economy was already slowing"


def test_a_dateline_is_not_part_of_the_claim(results):
    a = one(results, "dateline")
    assert a.content == ("Spain's government on Friday approved a law to cut the working "
                         "week to 37.5 hours")


def test_the_who_is_an_organisation_not_a_pronoun(results):
    a = one(results, "acronym_who")
    assert (a.speaker_name, a.content) == ("WHO", "The outbreak is over")


def test_a_participle_after_the_speaker_is_no_claim_and_he_is_the_new_subject(results):
    found = results["age_participle"].attributions
    assert [(a.kind, a.speaker_name) for a in found] == [
        ("direct", "Eleni Papadaki"), ("indirect", "Kyriakos Mitsotakis")]


def test_a_gerund_subject_without_that(results):
    a = one(results, "gerund_no_that")
    assert (a.cue, a.content) == ("say", "banning cars from the centre would cut pollution")


def test_plain_nouns_in_a_list_speak_together(results):
    a = one(results, "two_groups")
    assert (a.speaker_name, a.speaker_type) == ("Police and prosecutors", "group")


def test_a_relative_clause_on_the_object_is_no_claim(results):
    assert results["relative_object"].attributions == []


def test_a_two_word_claim(results):
    a = one(results, "two_word_claim")
    assert (a.speaker_name, a.content) == ("Acme Corp", "profits rose")


def test_a_misspelt_surname_is_the_person_it_misspells(results):
    a = one(results, "misspelt")
    assert a.speaker == "Water"
    assert a.speaker_name == "Kathryn Waters"
    assert a.speaker_role == "director of the gallery"


def test_a_surname_written_correctly_is_not_taken_for_a_typo(results):
    # "Jones" is not "Anna Jonas" misspelt: Peter Jones is in the text
    a = one(results, "misspelt_other")
    assert a.speaker_name == "Peter Jones"


def test_names_in_a_list_speak_together(results):
    a = one(results, "two_speakers")
    assert a.speaker == "Anna Berg, Tom Harris and Maria Lopez"
    assert a.speaker_name == "Anna Berg, Tom Harris and Maria Lopez"
    assert a.speaker_type == "group" and a.speaker_role is None


def check_offsets(text, a):
    assert text[a.content_start : a.content_end] == a.content
    if a.cue is not None:
        assert text[a.cue_start : a.cue_end] == a.cue
    if a.speaker is not None:
        assert text[a.speaker_start : a.speaker_end] == a.speaker


def test_every_offset_slices_the_original_text(results):
    for key, text in TEXTS.items():
        for a in results[key].attributions:
            check_offsets(text, a)


@pytest.mark.parametrize("key,content,cue,name", [
    ("said_that", "the bridge would reopen next month", "said", "John Carter"),
    ("after", "The bridge will reopen next month", "said", "city council"),
    ("told", "rail fares would rise", "told", "Anna Berg"),
    ("told_after", "Prices will keep rising for months", "told", "Maria Lopez"),
    ("warned", "the outbreak could spread further", "warned", "World Health Organization"),
    ("denied", "troops had crossed the border", "denied", "Lars Olsen"),
    ("claimed", "they had captured the airport", "claimed", "rebels"),
    ("believes", "the virus will weaken in summer", "believes", "Jane Smith"),
])
def test_reported_claims(results, key, content, cue, name):
    a = one(results, key)
    assert a.kind == "indirect"
    assert a.content == content
    assert a.cue == cue
    assert a.speaker_name.lower().removeprefix("the ") == name.lower()


def test_added_that_resolves_the_definite_description(results):
    a = one(results, "added")
    assert a.content == "the new trains were safe"
    assert a.speaker == "The minister"
    assert a.speaker_name == "Anna Berg"
    assert a.speaker_role == "Transport Minister"


def test_participial_adding_takes_the_main_speaker(results):
    found = results["adding"].attributions
    kinds = {a.kind: a for a in found}
    assert kinds["direct"].content == "We are ready,"
    assert kinds["indirect"].content == "more officers would be deployed"
    assert kinds["indirect"].cue == "adding"
    assert kinds["indirect"].speaker_name == "Tom Harris"
    assert kinds["indirect"].speaker_role == "Police Chief"


def test_an_organisation_found_in_part_by_the_ner_keeps_its_whole_name(results):
    # the NER marks only "Google" as ORG; the name is still "Google Analytics"
    a = one(results, "according_org")
    assert a.cue == "according to"
    assert a.speaker_name == "Google Analytics"


def test_the_short_form_of_an_organisation_takes_its_full_name(results):
    # "the Church" of "the Church of Scientology's lawyers", without the possessive
    a = one(results, "org_short")
    assert a.speaker == "The Church"
    assert a.speaker_name == "Church of Scientology"


def test_according_to(results):
    a = one(results, "according")
    assert a.content == "four people were arrested overnight"
    assert "Interior Ministry" in a.speaker_name
    assert a.speaker_type == "organization"
    b = one(results, "according_after")
    assert b.content == "Four people were arrested overnight"
    assert b.speaker_name.lower() == "police"


def test_request(results):
    a = one(results, "asked")
    assert a.cue == "asked"
    assert a.content.startswith("residents to stay indoors")
    assert a.speaker_type == "organization"


@pytest.mark.parametrize("key,content,name,role", [
    ("direct_after", "We will rebuild the school within a year,", "Amy Chen", "Governor"),
    ("direct_curly_multi", "The situation is under control. There is no reason to panic,",
     "Dmitry Peskov", "Kremlin spokesman"),
    ("direct_straight", "Nobody expected this result,", "Peter Novak", "coach"),
    ("colon", "We will not give up. Never.", "Maria Alvarez", "President"),
])
def test_direct_quotes(results, key, content, name, role):
    a = one(results, key, "direct")
    assert a.content == content
    assert a.speaker_name == name
    assert a.speaker_role == role
    assert a.speaker_type == "person"


def test_split_quote_both_parts_same_speaker(results):
    found = [a for a in results["split"].attributions if a.kind == "direct"]
    assert [a.content for a in found] == ["The first part is done,",
                                          "and the second part starts tomorrow."]
    assert {a.speaker for a in found} == {"she"}


def test_inverted_said_x_with_apposition_role(results):
    a = one(results, "inverted", "direct")
    assert a.speaker_name == "Ahmed Karimi"
    assert a.speaker_role == "local farmer"


def test_passive_by_x(results):
    a = one(results, "passive")
    assert a.content == "all schools would close"
    assert a.speaker == "the health ministry"
    assert a.speaker_type == "organization"


def test_nested_quote_kept_inside(results):
    found = results["nested"].attributions
    assert len(found) == 1
    assert "‘Could this be the big spark?’" in found[0].content
    assert found[0].speaker_name == "Ricardo Baretzky"
    assert "could" in [c.lower() for c in found[0].certainty_cues]


def test_quote_over_paragraphs_is_one_attribution(results):
    found = [a for a in results["paragraphs"].attributions if a.kind == "direct"]
    assert len(found) == 1
    assert "\n" in found[0].content and found[0].content.endswith("before winter,")
    assert found[0].speaker_name == "Sara Lind"


def test_scare_quotes_are_not_quotes(results):
    assert results["scare"].attributions == []


def test_quote_without_cue_takes_the_neighbouring_speaker(results):
    found = [a for a in results["no_cue"].attributions if a.kind == "direct"]
    assert len(found) == 1
    assert found[0].speaker_name == "Olga Ivanova"
    assert found[0].cue is None


def test_mixed_quote(results):
    a = one(results, "mixed")
    assert a.kind == "mixed"
    assert "“a disaster waiting to happen”" in a.content


def test_pronoun_and_surname_join_one_speaker(results):
    found = results["pronoun"].attributions
    assert {a.speaker_name for a in found} == {"Kalmukanbet Kasymov"}
    assert {a.speaker for a in found} >= {"He", "Kasymov"}
    speakers = results["pronoun"].speakers
    assert len(speakers) == 1 and speakers[0].role == "Interior Minister"


def test_certainty_cues_and_suggestion(results):
    a = one(results, "hedge")
    assert "may" in a.certainty_cues
    assert a.certainty == "possible"
    assert a.speaker_type == "group"
    b = one(results, "believes")
    assert b.certainty == "probable"
    assert one(results, "said_that").certainty == "certain"


def test_stray_mark_does_not_swallow_the_next_paragraph(results):
    for a in results["stray"].attributions:
        assert "football" not in a.content


def test_confidence_orders_named_over_inherited(results):
    named = one(results, "direct_after", "direct")
    inherited = [a for a in results["no_cue"].attributions if a.kind == "direct"][0]
    assert 0 < inherited.confidence < named.confidence <= 1


TRICKY = st.sampled_from(list("\"“”‘’'«»„‚‹› \n\n.,:;!?—") + [
    " said ", " he said", " told ", "According to ", "😀", "Ж", "中文", "’s", "don't",
    " Minister ", " Kasymov", " that ", "\r\n", "-", " Al-", "Maeena", " Mr. "])


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(TRICKY, st.text(max_size=8)), max_size=40).map("".join))
def test_engine_never_raises_and_offsets_slice(s):
    for a in engine.annotate(s):
        check_offsets(s, a)
        assert a.kind in ("direct", "indirect", "mixed")


def test_certainty_suggestion_follows_configured_labels(tmp_path, monkeypatch):
    config = tmp_path / "labels.json"
    config.write_text('{"certainty": ["sure", "likely", "maybe", "hearsay"]}')
    monkeypatch.setenv("ANNOTATOR_LABELS", str(config))
    found = engine.annotate("Officials said the fire may have been started deliberately.")
    assert [a.certainty for a in found] == ["maybe"]


def test_a_name_after_a_long_role_is_the_speaker(results):
    # the parse hangs the name on the role's last noun; the NER may take the role in too
    dahl, miller = results["long_role_name"].attributions
    assert (dahl.speaker_name, dahl.speaker_role) == \
        ("Erik Dahl", "Head of the Oslo branch of the Nordic Workers Union")
    assert (miller.speaker_name, miller.speaker_role) == \
        ("Joan Miller", "Chairwoman of the Riverside Tenants Association")


def test_two_roles_and_a_name_are_one_person(results):
    a = one(results, "two_roles_name")
    assert (a.speaker_name, a.speaker_type) == ("Peter Lindgren", "person")
    assert a.speaker_role == "Veteran diplomat and former ambassador"


def test_a_paragraph_ending_in_a_colon_or_comma_introduces_the_quotation(results):
    berg, reed = results["lead_in_paragraph"].attributions
    assert (berg.kind, berg.cue, berg.speaker_name) == ("direct", "wrote", "Anna Berg")
    assert (reed.kind, reed.cue, reed.speaker_name) == ("direct", "stated", "Tom Reed")


def test_an_acronym_spelt_like_who_is_a_name_without_the(results):
    first, second = results["acronym_alone"].attributions
    assert first.speaker_name == second.speaker_name == "World Health Organisation"
    assert second.speaker == "WHO" and second.speaker_type == "organization"


def test_a_name_after_an_organisation_and_a_title_is_the_speaker(results):
    # the parse makes the organisation's first word the subject's head
    a = one(results, "org_title_name")
    assert (a.speaker_name, a.speaker_type) == ("Linda Okafor", "person")
    assert a.speaker_role == "University of Leeds Student Union president"


def test_i_in_an_interview_is_the_person_interviewed(results):
    # not the person named last or most often before the answer
    assert one(results, "interview_title").speaker_name == "Ingrid Solberg"
    assert one(results, "interview_opening").speaker_name == "Erik Dahl"


def test_a_report_speaks_for_itself(results):
    # "the report" is no person: not linked to the person who spoke last
    quote, report = results["report_says"].attributions
    assert quote.speaker_name == "Lena Dahl"
    assert (report.speaker, report.speaker_name) == ("The report", "report")


def test_in_the_words_of_names_the_speaker_of_a_quotation(results):
    a = one(results, "in_the_words_of")
    assert (a.kind, a.cue, a.speaker_name) == ("direct", "in the words of", "Tom Reed")
    assert a.content.startswith("nobody inside")


def test_people_by_trade_are_not_the_body_named_before(results):
    agency, researchers = results["researchers_found"].attributions
    assert agency.speaker_name == "Environment Agency"
    assert (researchers.speaker_name, researchers.speaker_type) == ("researchers", "group")


def test_an_apposition_parsed_as_a_second_subject_does_not_speak(results):
    a = one(results, "apposition_subject")
    assert (a.speaker_name, a.speaker_type) == ("Maria Kovacs", "person")


def test_the_question_put_to_a_speaker_is_no_claim(results):
    (a,) = results["asked_participle"].attributions
    assert (a.kind, a.content, a.speaker_name) == ("direct", "No. I have work to do.", "Johnson")


def test_a_title_does_not_link_to_a_speaker_with_another_title(results):
    lopez, minister = results["other_title"].attributions
    assert lopez.speaker_name == "Maria Lopez"
    assert (minister.speaker, minister.speaker_name) == ("The minister", "minister")


def test_a_named_owner_is_not_the_speaker(results):
    a = one(results, "possessor_office")
    assert a.speaker_name == "Prime Minister Keir Starmer's office"
    assert a.speaker_type == "organization"


def test_a_name_between_commas_before_the_cue_speaks(results):
    # the parse hangs "Massimo Isola" on "Faenza" as a conjunct
    a = one(results, "name_between_commas")
    assert (a.speaker_name, a.speaker_role) == ("Massimo Isola", "mayor of Faenza")


def test_a_modified_description_is_a_body_of_its_own(results):
    agency, ministry = results["modified_body"].attributions
    assert agency.speaker_name == "Italy's civil protection agency"
    assert ministry.speaker_name == "finance ministry"


def test_a_cue_after_by_reports_nothing_before_it(results):
    # "has reacted by proposing ...": no claim made of the subject's own noun phrase
    assert all("president of the Lombardy" not in a.content
               for a in results["by_participle"].attributions)


def test_a_coordinated_cue_is_no_reporting_clause(results):
    # ", and the company responded" does not report "Shares fell sharply on Monday"
    (a,) = results["and_responded"].attributions
    assert (a.cue, a.content) == ("saying", "it would cut costs")


def test_an_as_clause_after_the_cue_is_not_the_claim(results):
    a = one(results, "as_after_cue")
    assert a.content.startswith("Heavy rain forced") and a.content.endswith("on Wednesday")


def test_the_addressee_does_not_break_a_run_of_quotations(results):
    first, second = results["told_outlet"].attributions
    assert first.speaker_name == second.speaker_name == "Banfield"
    assert second.cue is None  # the speaker comes from the quotation before it


def test_a_think_tank_does_not_think(results):
    assert all(a.cue != "think" for a in results["think_tank"].attributions)


def test_a_claim_whose_subject_the_parse_made_the_cues_object(results):
    a = one(results, "object_as_subject")
    assert a.content.startswith("400 firefighters") and a.content.endswith("the blaze")


def test_an_observatory_is_an_organisation(results):
    a = one(results, "observatory")
    assert (a.speaker_name, a.speaker_type) == ("National Observatory of Athens", "organization")


def test_a_programme_is_an_organisation(results):
    a = one(results, "programme")
    assert (a.speaker_name, a.speaker_type) == ("World Food Programme", "organization")


def test_one_body_does_not_stand_for_another(results):
    airline, union = results["other_body"].attributions
    assert (airline.speaker_name, union.speaker_name) == ("airline", "union")


def test_a_claim_may_open_with_if(results):
    # "if" opens an embedded question only after the cue ("asked if ...")
    a = one(results, "if_convicted")
    assert (a.speaker_name, a.content) == \
        ("legal experts", "If convicted, Ruiz faces up to eight years in prison")


def test_a_titled_name_between_commas_speaks(results):
    a = one(results, "titled_apposition")
    assert (a.speaker_name, a.speaker_type) == ("Pablo Serrano", "person")


def test_the_speakers_apposition_after_the_cue_is_no_claim(results):
    (a,) = results["apposition_after_cue"].attributions
    assert (a.kind, a.speaker_name) == ("direct", "Eri Kaneko")


def test_the_possessive_its_is_one_word():
    # the compact tokenizer marks every "its" as "it" + "s" (EWT's typo for "it's")
    from annotator.parse import parse_texts

    pt = parse_texts(["Its board said its profits rose."])[0]
    words = [w.text for w in pt.words]
    assert words[:3] == ["Its", "board", "said"] and "its" in words
    assert [w.upos for w in pt.words if w.lower == "its"] == ["PRON", "PRON"]


def test_a_headline_description_is_the_person_the_opening_names(results):
    headline, lead = results["headline_description"].attributions
    assert (headline.speaker, headline.speaker_name) == ("Retired teacher", "Margaret Olsen")
    assert (lead.speaker_name, lead.speaker_role) == ("Margaret Olsen",
                                                      "retired teacher from Hull")


def test_the_report_is_the_study_named_before(results):
    a = one(results, "named_report")
    assert (a.speaker, a.speaker_name) == ("The report", "National Iodine Nutrition Study")


def test_a_spaced_hyphen_inside_an_organisations_name_does_not_cut_the_mention(results):
    a = one(results, "spaced_hyphen")
    assert (a.speaker_name, a.speaker_role) == (
        "Sarah Jones",
        "Executive director of the Leeds branch of the Council on British - Polish Relations")


def test_he_after_a_titled_name_opening_the_sentence_is_that_person(results):
    bush, he = results["dislocated_subject"].attributions
    assert (bush.speaker_name, he.speaker, he.speaker_name) == \
        ("George Bush", "he", "Hoop Scheffer")
    # but the organisation after "Eva Holm of" does not open the sentence
    *_, she = results["name_of_organisation"].attributions
    assert (she.speaker, she.speaker_name) == ("she", "Eva Holm")


def test_she_does_not_point_back_to_a_man(results):
    # "Mr" and "spokesman" say who is a man; "she" goes back to the woman who spoke
    *_, harris, she = results["pronoun_gender"].attributions
    assert (harris.speaker_name, she.speaker, she.speaker_name) == \
        ("Tom Harris", "she", "Anna Berg")


def test_a_time_word_opening_the_sentence_is_not_part_of_the_role(results):
    a = one(results, "time_first")
    assert (a.speaker, a.speaker_name, a.speaker_role) == \
        ("Transport Minister Anna Berg", "Anna Berg", "Transport Minister")


def test_a_headline_role_is_the_person_named_with_it_later(results):
    headline, lead, later = results["headline_role"].attributions
    # the NER does not find "Helen Ward": the name between commas after the title is hers
    assert (lead.speaker, lead.speaker_name, lead.speaker_role) == \
        ("Helen Ward", "Helen Ward", "mayor of Carlisle")
    assert (headline.speaker, headline.speaker_name) == ("Mayor", "Helen Ward")
    assert (later.speaker, later.speaker_name) == ("the mayor", "Helen Ward")


def test_an_age_is_not_a_role(results):
    a = one(results, "age")
    assert (a.speaker_name, a.speaker_role) == ("Janet Greene", None)


def test_a_clause_leading_in_with_a_colon_gives_the_speaker(results):
    greene, price = results["colon_lead_in"].attributions
    assert greene.speaker_name == "Janet Greene"
    # no cue: "believe" ends the claim of the sentence before, it does not lead in
    assert (price.kind, price.cue, price.speaker_name) == ("direct", None, "Alan Price")


def test_a_colon_clause_before_a_quotation_is_not_part_of_it(results):
    a = one(results, "colon_before_mixed")
    assert (a.kind, a.content, a.speaker_name) == \
        ("direct", "We have lost everything we worked for,", "one delegate")


def test_the_company_is_the_organisation_named_before_it_in_its_sentence(results):
    a = one(results, "organisation_in_sentence")
    assert (a.speaker, a.speaker_name, a.speaker_type) == \
        ("the company", "Microsoft", "organization")


def test_a_participle_with_no_finite_verb_after_it_is_the_claims_verb(results):
    # VBN and VBD look alike: "said demand peaked at ..." is a claim
    assert one(results, "participle_as_past").content == \
        "demand peaked at 41,500 megawatts shortly after 2pm"
    assert one(results, "participle_as_participle").content == \
        "funds raised at the gala would go to flood victims"


def test_a_subject_the_parse_gave_the_cue_stays_in_the_claim(results):
    a = one(results, "second_subject")
    assert (a.speaker_name, a.content) == (
        "Spanish Society of Emergency Medicine",
        "hospitals in Andalusia had seen a 30 percent rise in admissions")


def test_the_role_before_the_name_after_a_quotation(results):
    a = one(results, "role_after_quotation")
    assert (a.speaker_name, a.speaker_role) == ("Andris Ozols", "lawyer")


def test_they_is_the_organisation_named_just_before(results):
    a = one(results, "they_organisation")
    assert (a.speaker, a.speaker_name, a.speaker_type) == \
        ("They", "Church of Scientology", "organization")
    # named in the sentence before, it wins over an organisation that spoke earlier
    *_, they = results["they_recent_organisation"].attributions
    assert (they.speaker, they.speaker_name) == ("They", "Second City")


def test_who_speaks_for_its_antecedent(results):
    driver, minister = results["relative_who"].attributions
    assert (driver.speaker, driver.content) == ("the driver", "he had not seen the cyclist")
    assert (minister.speaker_name, minister.content) == ("minister", "the plan was sound")


def test_reasoned_is_a_cue(results):
    a = one(results, "reasoned")
    assert (a.cue, a.speaker, a.content) == \
        ("reasoned", "The city", "private schools run a commercial activity")


def test_a_person_entity_run_on_into_an_organisation_after_the_cue(results):
    # the NER took "Ursula Kent of the European Consumer Organisation" for one person
    a = one(results, "person_of_organisation_after_cue")
    assert (a.speaker_name, a.speaker_type) == ("Ursula Kent", "person")


def test_quoted_as_saying(results):
    a = one(results, "quoted_as_saying")
    assert (a.kind, a.cue, a.speaker_name, a.speaker_role, a.content) == (
        "mixed", "saying", "Mikael Sundberg", "company's founder",
        'he was "deeply sorry" to users')


def test_a_name_introduced_as_a_company_is_an_organisation(results):
    chatter, company = results["introduced_as_company"].attributions
    assert (chatter.speaker_name, chatter.speaker_type) == ("Chatter", "organization")
    assert (company.speaker, company.speaker_name) == ("the company", "Chatter")
    # but not "the company John founded"
    (john,) = results["company_john_founded"].attributions
    assert (john.speaker_name, john.speaker_type) == ("John", "person")


def test_partners_when_the_parse_splits_the_first_name(results):
    a = one(results, "split_partners")
    assert (a.speaker_name, a.speaker_type) == ("George Bush and James Baker", "group")


def test_a_quantifier_opens_the_mention_and_leaves_the_name(results):
    a = one(results, "quantifier")
    assert (a.speaker, a.speaker_name) == ("some folks", "folks")


def test_a_new_study_is_the_study_named_a_little_later(results):
    a = one(results, "study_named_later")
    assert (a.speaker, a.speaker_name) == ("A new study of school children",
                                           "National Iodine Nutrition Study")


def test_a_title_the_tagger_took_for_a_verb(results):
    a = one(results, "title_tagged_verb")
    assert (a.kind, a.speaker_name, a.content) == (
        "mixed", "Gary Neale", "the result was \"the lowest point in the club's modern "
        "history\"")


def test_he_is_the_new_subject_after_a_possessive_role(results):
    doyle, he = results["possessive_subject"].attributions
    assert (doyle.speaker_name, he.speaker, he.speaker_name) == \
        ("Sean Doyle", "he", "Peter Walsh")


def test_sports_roles(results):
    a = one(results, "sports_role")
    assert (a.speaker_name, a.speaker_role) == ("Ryan Hale", "Dunmore's goalkeeper")


def test_its_statement_is_the_organisations(results):
    airline, statement = results["possessive_source"].attributions
    assert (statement.speaker, statement.speaker_name) == ("Its statement",
                                                           airline.speaker_name)
    assert airline.speaker_name == "airline"


def test_a_plural_possessive_stays_in_the_mention(results):
    a = one(results, "plural_possessive")
    assert a.speaker == "Employers' association CEOE"


def test_a_doctors_title_after_the_role_is_not_part_of_it(results):
    a = one(results, "role_then_dr")
    assert (a.speaker_name, a.speaker_role) == ("Kevin Winter", "Hydrologist")


def test_a_name_in_apposition_before_two_conjoined_verbs(results):
    lynch, shapps = results["apposition_conjoined_cue"].attributions
    assert lynch.speaker_name == "Mick Lynch"
    # the title did not pull the quotation to the other secretary, and the subject
    # before "called ... and urged" is no claim of its own
    assert (shapps.kind, shapps.speaker_name, shapps.speaker_role, shapps.content) == (
        "direct", "Grant Shapps", "Transport Secretary", "completely unjustified")


def test_an_apposition_with_a_relative_clause_after_the_cue_is_no_claim(results):
    (a,) = results["apposition_relative"].attributions
    assert (a.kind, a.speaker_name, a.speaker_role) == ("direct", "Sarah Okafor", "nurse")


def test_the_whole_sentence_before_a_final_reporting_clause(results):
    a = one(results, "clause_after_subordinate")
    assert (a.speaker, a.content) == (
        "both sides", "A 48-hour rail strike will go ahead on Thursday after last-minute "
        "talks between the RMT union and Network Rail broke down")


def test_a_sentence_break_inside_a_name_is_undone(results):
    # the compact tokenizer ends a sentence after "Johan"
    holm, he = results["broken_name"].attributions
    assert (holm.speaker_name, he.speaker, he.speaker_name, he.speaker_role) == \
        ("Karin Holm", "He", "Johan Ek", "Finance Minister")


def test_the_speakers_role_does_not_end_a_run_of_quotations(results):
    # the organisation in "director of the Heart Patients Alliance" is no new speaker
    first, second = results["role_then_quote"].attributions
    assert (second.kind, second.cue, second.speaker_name) == ("direct", None, "Tom Reilly")


def test_it_is_not_a_plural_subject_before_it(results):
    a = one(results, "it_not_plural", "direct")
    assert (a.speaker, a.speaker_name) == ("it", "agency")


def test_a_participle_before_a_finite_verb_is_no_cue(results):
    # "the levels found were ...": the levels found nothing
    (a,) = results["reduced_relative"].attributions
    assert (a.kind, a.cue, a.speaker_name) == ("mixed", "said", "Helen Marsh")


def test_one_of_them_with_the_name_parsed_as_a_modifier(results):
    (a,) = results["one_of_them_nmod"].attributions
    assert (a.speaker_name, a.speaker_role) == ("Anne Kowalski", "retired teacher")


def test_councilman_is_a_title(results):
    (a,) = results["councilman"].attributions
    assert (a.speaker_name, a.speaker_role) == ("Rafael Ortiz", "Councilman")


def test_the_group_is_the_one_named_after_the_same_noun(results):
    (a,) = results["group_named_before"].attributions
    assert (a.speaker, a.speaker_name, a.speaker_type) == ("the group", "VRS", "organization")


def test_a_surname_the_tagger_took_for_a_noun_is_the_person(results):
    lawyer, quote = results["surname_as_noun"].attributions
    assert (quote.speaker, quote.speaker_name, quote.speaker_role) == (
        "Price", "Daniel Price", "Hale's lawyer")


def test_she_is_the_employee_who_spoke_last(results):
    *_, quote = results["employee_she"].attributions
    assert (quote.speaker, quote.speaker_name) == ("she", "One former employee")


def test_a_possessive_pronoun_is_not_part_of_the_role(results):
    (a,) = results["its_role"].attributions
    assert (a.speaker_name, a.speaker_role) == ("Therese Chambers", "director of enforcement")
    (b,) = results["its_role_appos"].attributions  # parsed as an apposition
    assert (b.speaker_name, b.speaker_role) == ("Allard Castelein", "chief executive")


def test_a_reporting_clause_inside_the_claim_in_subject_order(results):
    (a,) = results["inserted_clause"].attributions
    assert a.content == "Climate models, she said, had predicted this for years"


def test_the_name_after_spokesman_for_is_the_employer(results):
    (a,) = results["spokesman_for"].attributions
    assert (a.speaker_name, a.speaker_type) == ("spokesman for Zermatt Bergbahnen", "person")


def test_a_short_quotation_that_the_cue_calls_its_object(results):
    called, _ = results["called_short"].attributions
    assert (called.kind, called.cue, called.content) == (
        "direct", "called", "completely disproportionate")


def test_where_a_letter_was_sent_is_not_a_role(results):
    (a,) = results["letter_not_role"].attributions
    assert (a.speaker_name, a.speaker_role) == ("David Lowe", "Police Commissioner")


def test_it_is_the_review_that_spoke_before(results):
    found, it = results["it_the_review"].attributions
    assert (it.speaker, it.speaker_name) == ("It", "review")


def test_a_bare_cognition_verb_after_a_speaker_label_is_no_claim(results):
    assert results["transcript_turn"].attributions == []


def test_an_organisations_name_with_and_in_it(results):
    (a,) = results["and_in_org_name"].attributions
    assert (a.speaker, a.speaker_type) == ("The Food and Drink Federation", "organization")


def test_they_is_not_a_subject_inside_a_claim(results):
    found, they = results["they_researchers"].attributions
    assert (they.speaker, they.speaker_name) == ("they", "researchers")


def test_according_to_people_familiar_with_the_matter(results):
    source, said = results["familiar_with"].attributions
    assert (source.cue, source.speaker) == ("according to", "people familiar with the matter")
    assert (said.speaker, said.content) == ("Taiwan Semiconductor",
                                            "it cannot expand capacity fast enough")


def test_a_definite_role_in_the_lead_is_the_person_named_later(results):
    lead, kress, huang = results["lead_role_named_later"].attributions
    assert (lead.speaker, lead.speaker_name, lead.speaker_role) == (
        "its chief executive", "Jensen Huang", "chief executive")
    assert kress.speaker_name == "Colette Kress"


def test_someones_spokesman_is_not_the_person_named_last(results):
    _, spokesman = results["possessive_spokesman"].attributions
    assert spokesman.speaker_name == "prime minister's spokesman"


def test_he_is_the_new_subject_even_when_the_ner_missed_the_name(results):
    *_, he = results["he_unknown_name"].attributions
    assert (he.speaker, he.speaker_name) == ("he", "Nigel Farr")


def test_a_trade_ending_in_ist_is_a_role(results):
    (a,) = results["ist_role"].attributions
    assert (a.speaker_name, a.speaker_role) == ("Magnus Tumi Gudmundsson", "geophysicist")


def test_she_is_not_the_subject_of_a_sentence_with_her_as_object(results):
    *_, quote = results["her_object"].attributions
    assert (quote.speaker, quote.speaker_name) == ("she", "Maria Santos")


@pytest.mark.parametrize("key, name", [("age_recalled", "Maria Santos"),
                                       ("age_told", "Ryan Hale")])
def test_the_n_year_old_is_the_person_named_before(results, key, name):
    quote = one(results, key, "direct")
    assert quote.speaker_name == name


def test_said_a_woman_who_is_the_speaker_not_a_claim(results):
    (quote,) = results["said_a_woman_who"].attributions
    assert (quote.kind, quote.speaker) == ("direct", "a 22-year-old woman")


def test_the_claims_subject_parsed_as_a_second_subject_of_the_cue(results):
    (a,) = results["claim_subject_on_cue"].attributions
    assert a.content == "One of the men was in a serious but stable condition"


def test_told_the_hearer_a_clause_parsed_as_a_relative_clause(results):
    (a,) = results["told_relative"].attributions
    assert (a.speaker, a.content) == ("Witnesses", "they heard at least four shots")


def test_a_surname_two_people_share_is_not_given_to_either(results):
    # "Brian and Susan Clarke": "Mr Clarke" is not Susan Clarke, and which Clarke the
    # annotator cannot tell without a list of first names
    (a,) = results["shared_surname"].attributions
    assert (a.speaker, a.speaker_name, a.speaker_type) == ("Mr Clarke", "Clarke", "person")


def test_a_statement_from_a_body_is_the_body(results):
    first, second = results["statement_from"].attributions
    assert (first.speaker_name, first.speaker_type) == ("county council", "organization")
    assert (second.speaker, second.speaker_name) == ("the statement", "county council")


def test_what_a_coordinated_cue_says_is_not_the_first_cues_claim(results):
    (a,) = results["conj_cue"].attributions
    assert (a.cue, a.content) == ("said", "they had run out of doses within hours")


def test_the_verb_after_a_one_word_relative_clause_is_the_claims(results):
    (a,) = results["who_voted_backed"].attributions
    assert a.content.startswith("91 percent of members who voted backed action")


def test_a_headline_opening_with_a_quotation_and_a_colon(results):
    quote = one(results, "headline_colon", "direct")
    assert (quote.content, quote.speaker, quote.cue) == ("We will not back down", "teachers",
                                                         None)


def test_an_apposition_headed_by_a_title_gives_the_name(results):
    (a,) = results["title_apposition"].attributions
    assert (a.speaker_name, a.speaker_role) == ("Nabil Abdallah",
                                                "spokesman for the Sudanese army")


def test_an_acronym_is_an_organisation_whatever_the_ner_says(results):
    (a,) = results["acronym_org"].attributions
    assert (a.speaker_name, a.speaker_type) == ("Rapid Support Forces", "organization")


@pytest.mark.parametrize("key", ["party_state", "party_state_short"])
def test_a_party_and_state_after_a_name_is_not_the_speaker(results, key):
    (a,) = results[key].attributions
    assert (a.kind, a.speaker_name, a.speaker_role) == ("direct", "Chuck Schumer",
                                                        "Senate Majority Leader")


def test_abbreviated_us_titles(results):
    paul, jayapal = results["us_abbreviated_titles"].attributions
    assert (paul.speaker_name, jayapal.speaker_name, jayapal.speaker_type) == (
        "Rand Paul", "Pramila Jayapal", "person")


def test_a_speaker_the_parse_hung_inside_the_claim_before_the_cue(results):
    first, second = results["speaker_hung_in_claim"].attributions
    assert (first.kind, first.content) == (
        "direct", "Had it happened an hour later it would have been much worse,")
    assert second.speaker_name == "Khaled Al-Maeena"  # the role's newspaper is no new speaker


def test_according_to_x_which_said(results):
    _, according, *_ = results["according_then_which"].attributions
    assert (according.content, according.speaker_name) == (
        "The fire had burned 1,200 hectares by morning", "regional prefecture")


def test_a_title_right_before_the_name_whatever_its_tag(results):
    (a,) = results["prefect_tagged_verb"].attributions
    assert (a.speaker_name, a.speaker_role) == ("Christophe Mirmand", "prefect")


def test_names_the_text_shows_to_be_organisations(results):
    # a retrained NER model called both PERSON: "which" after a name says otherwise
    union, chipmaker = results["org_not_person"].attributions
    assert (union.speaker_name, union.speaker_type) == ("Vereinigung Cockpit", "organization")
    assert (chipmaker.speaker_name, chipmaker.speaker_type) == ("Taiwan Semiconductor",
                                                                "organization")


def test_the_report_is_the_study_whose_name_the_ner_cut_short(results):
    (said,) = [a for a in results["org_name_cut_short"].attributions if a.cue == "says"]
    assert said.speaker_name == "Australian National Iodine Nutrition Study"


def test_a_name_with_a_capital_inside_is_a_company_unless_a_surname_prefix(results):
    tiktok, desantis = results["camel_case"].attributions
    assert tiktok.speaker_type == "organization"
    assert desantis.speaker_type != "organization"


def test_a_bodys_spokesperson_is_a_person_not_the_body(results):
    (a,) = results["body_spokesperson"].attributions
    assert (a.speaker_name, a.speaker_type) == ("Department of Health spokesperson", "person")


def test_calling_them_a_short_quotation(results):
    (a,) = results["calling_them"].attributions
    assert (a.content, a.cue, a.speaker) == ("pure speculation", "calling",
                                             "The prime minister's office")


def test_a_one_word_name_that_is_an_organisation_noun(results):
    (a,) = results["treasury"].attributions
    assert (a.speaker_name, a.speaker_type) == ("Treasury", "organization")


def test_said_then_a_title_the_tagger_took_for_a_verb_then_a_name(results):
    (a,) = results["title_tagged_verb_after"].attributions
    assert (a.kind, a.speaker_name) == ("direct", "Ergun Lümali")


def test_a_dateline_is_no_organisation_that_speaks(results):
    (a,) = results["dateline_org"].attributions
    assert a.speaker_name != "STUTTGART"


def test_the_claims_own_subject_after_said_is_not_its_speaker(results):
    said, told = results["said_the_fine"].attributions
    assert said.speaker != "the fine"
    assert told.speaker_name == "Max Schrems"


def test_a_name_ending_in_an_organisation_noun_after_the_is_an_organisation(results):
    (a,) = results["federation_named"].attributions
    assert (a.speaker_name, a.speaker_type) == ("Maritime Workers Federation", "organization")


def test_an_age_between_the_name_and_the_role_after_said(results):
    said, trusted, looked = results["age_then_role"].attributions
    assert [a.content for a in (trusted, looked)] == ["We trusted him,", "He looked us in the eye."]
    assert {(a.speaker_name, a.speaker_role) for a in (trusted, looked)} == {
        ("Joan Pike", "retired nurse")}


def test_in_what_x_called_leaves_what_out_of_the_speaker(results):
    (a,) = results["in_what_x_called"].attributions
    assert (a.speaker, a.speaker_type) == ("prosecutors", "group")


def test_letters_after_a_name_are_not_part_of_it(results):
    said, later = results["post_nominal"].attributions
    assert (said.speaker_name, said.speaker_role) == ("Catherine Moyo", "prosecutor")
    assert later.speaker_name == "Catherine Moyo"


def test_cllr_gives_way_to_the_apposition_and_a_trade_is_a_title(results):
    anand, reilly = results["cllr_apposition"].attributions
    assert (anand.speaker_name, anand.speaker_role) == (
        "Dev Anand", "ward councillor for Millbrook")
    assert (reilly.speaker_name, reilly.speaker_role) == ("Shaun Reilly", "Dockworker")


def test_downing_street_speaks_for_the_government(results):
    (a,) = results["downing_street"].attributions
    assert (a.speaker, a.speaker_name, a.speaker_type) == (
        "Downing Street", "Downing Street", "organization")


def test_according_to_a_named_body_with_of_or_for_in_its_name(results):
    survey, bureau = results["according_to_org_of"].attributions
    assert survey.speaker_name == "Indian Council for Agrarian Studies"
    assert (bureau.speaker_name, bureau.speaker_type) == (
        "Ashland Bureau of Investigation", "organization")
    assert bureau.content == "the state recorded 412 violent crimes"


def test_organisation_names_the_ner_cut_short_or_ran_on(results):
    retail, gmb, friends = results["org_names"].attributions
    assert retail.speaker_name == "Retail and Distribution Workers' Union"
    assert gmb.speaker_name == "GMB"
    assert (friends.speaker_name, friends.speaker_type) == (
        "Friends of Eastfield Libraries", "organization")


def test_one_of_them_then_a_titled_name(results):
    said, quoted = results["one_of_them_title"].attributions
    assert said.speaker == "former Royal Marine Steve Doyle"
    assert quoted.speaker_name == "Steve Doyle"


def test_the_statement_said_after_x_said_in_a_statement(results):
    said, quoted = results["the_statement_said"].attributions
    assert said.speaker_name == quoted.speaker_name == "Philip Sanderson"


def test_a_dateline_is_a_sentence_of_its_own(results):
    (a,) = results["dateline_saying"].attributions
    assert (a.cue, a.speaker_name, a.speaker_role) == (
        "saying", "Suresh Bhandari", "Finance Minister")


def test_a_role_in_front_of_a_name_does_not_run_back_over_after_or_on(results):
    (a,) = results["role_not_across_after"].attributions
    assert (a.speaker_name, a.speaker_role) == ("Suresh Bhandari", "Finance Minister")


def test_a_name_set_off_after_a_title_is_a_person_whatever_the_ner_says(results):
    said, insisted = results["mayor_ward"].attributions
    assert (said.speaker_name, said.speaker_type, said.speaker_role) == (
        "Helen Ward", "person", "mayor of Carlisle")
    assert insisted.speaker_name == "Helen Ward"


@pytest.mark.parametrize("key", ["dr_in_apposition", "dr_in_apposition_curly"])
def test_an_honorific_heading_the_apposition(results, key):
    (a,) = results[key].attributions
    assert a.speaker_name == "Mei Lin Foster"
    assert a.speaker_role.replace("’", "'") == "board's chief inspector"


def test_a_title_with_of_is_not_part_of_the_name(results):
    called, said = results["title_with_of"].attributions
    assert (called.speaker_name, called.speaker_role) == (
        "Meera Raghavan", "Leader of the Opposition")
    assert said.speaker_name == "Meera Raghavan"


def test_the_report_is_the_study_named_before_in_full(results):
    (a,) = results["study_named_before"].attributions
    assert a.speaker_name == "Australian National Iodine Nutrition Study"


def test_a_reporters_question_is_no_quote_and_a_surname_with_de(results):
    claiming, foul, points = results["reporter_question"].attributions
    assert claiming.speaker_name == foul.speaker_name == points.speaker_name == "Pieter de Vos"
    assert points.content == "Nine points is a lot,"


def test_a_surname_two_people_share_is_the_person_the_article_opened_with(results):
    *_, interview = results["shared_surname_opening"].attributions
    assert (interview.speaker, interview.speaker_name) == ("Fairley", "Margot Fairley")


def test_words_on_a_sign_or_a_so_called_name_are_nobodys_quote_but_a_chant_is(results):
    (a,) = results["signs_and_chants"].attributions
    assert (a.kind, a.cue, a.content) == ("direct", "chanted", "Fair pay or no ships")
    assert a.speaker_type == "group"


def test_an_organisation_introduced_by_its_kind_and_named_for_it_later(results):
    charity, nimbus, denied, roe = results["org_introduced"].attributions
    assert (charity.speaker, charity.speaker_name) == ("The charity", "Kidsafe Online")
    assert (nimbus.speaker_name, nimbus.speaker_type) == ("Nimbus AI", "organization")
    assert (denied.speaker, denied.speaker_name) == ("It", "Nimbus AI")
    assert (roe.speaker_name, roe.speaker_type) == ("Jane Roe", "person")


def test_a_role_between_the_quotation_and_the_name_is_no_part_of_the_quote(results):
    (a,) = results["role_between_quote_and_name"].attributions
    assert (a.kind, a.content) == ("direct", "We are deeply sorry for the disruption,")
    assert (a.speaker_name, a.speaker_role) == ("Steven Ashdown", "Trackline’s managing director")


def test_house_speaker_is_a_title_and_dismissed_as_characterises(results):
    said, dismissed, branded = results["speaker_dismissed"].attributions
    assert (said.speaker_name, said.speaker_role) == ("Robert Kline", "House Speaker")
    assert (dismissed.kind, dismissed.cue, dismissed.speaker_name) == (
        "direct", "dismissed", "Karen Mitchell-Hale")
    assert (branded.kind, branded.cue, branded.speaker_type) == ("direct", "branded", "group")


def test_a_role_without_how_long_or_which_one(results):
    fairley, agent, doctor, price = results["plain_roles"].attributions
    assert (price.speaker_name, price.speaker_role) == ("Alan Price", "retired postman")
    assert (fairley.speaker_name, fairley.speaker_role) == ("Margot Fairley", "actor")
    assert (agent.speaker_name, agent.speaker_role) == ("Lucy Barrington", "agent")
    assert doctor.speaker_role == "doctor"


def test_the_x_based_company_is_the_company_named_before(results):
    said, announced = results["based_company"].attributions
    assert said.speaker_name == announced.speaker_name == "Brightwater Energy Inc"


def test_he_after_a_sentence_opened_by_mr_and_a_surname(results):
    *_, told = results["he_after_mr_subject"].attributions
    assert (told.speaker, told.speaker_name) == ("he", "Renshaw")


def test_she_is_not_a_name_inside_the_last_speakers_apposition(results):
    *_, said = results["she_not_the_apposition"].attributions
    assert said.speaker_name == "Carla Heaton"


def test_said_one_woman_after_the_quotation(results):
    *_, quote = results["said_one_woman"].attributions
    assert (quote.kind, quote.speaker, quote.speaker_type) == ("direct", "one woman", "person")


def test_according_to_x_who_did_y_is_x(results):
    (a,) = results["according_to_who"].attributions
    assert (a.speaker, a.speaker_type) == ("researchers", "group")


def test_a_name_in_apposition_to_a_title_tagged_as_a_proper_noun(results):
    *_, said = results["title_proper_noun_apposition"].attributions
    assert (said.speaker_name, said.speaker_role) == ("Sarah Quinlan", "local MP")


def test_a_company_by_the_first_word_of_its_name(results):
    first, short = results["company_short_name"].attributions
    assert first.speaker_name == short.speaker_name == "Brightwater Energy Inc"
    assert short.speaker_type == "organization"


def test_she_after_a_known_surname_opened_the_sentence_and_a_name_ending_in_ing(results):
    abernathy, ad, ruling = results["ing_name_and_known_surname"].attributions
    assert abernathy.speaker_name == "Ruth Abernathy"
    assert (ad.speaker, ad.speaker_name) == ("she", "Marisa Quintero")
    assert (ruling.speaker, ruling.speaker_name) == ("Benning", "Carl Benning")


def test_a_participle_after_the_reporting_clause_is_not_the_claim(results):
    a, _, fighting = results["said_then_participle"].attributions
    assert a.content.startswith("Germany's biggest airline cancelled")
    assert "stranding" not in a.content and a.speaker == "the carrier"
    assert fighting.content.startswith("400 firefighters")  # a participle with its "were"


def test_a_name_set_off_with_an_age_before_the_cue(results):
    (a,) = results["apposition_with_age"].attributions
    assert a.speaker_name == "Maria Schmidt"


def test_the_source_is_the_source_named_before(results):
    _, according, said = results["the_source_said"].attributions
    assert according.speaker_name == said.speaker_name == "government source"


def test_hours_after_x_reported_is_said_by_x(results):
    (a,) = results["hours_after_x_reported"].attributions
    assert (a.cue, a.speaker) == ("reported", "a newspaper")


def test_the_agency_after_the_administration_spoke(results):
    said, urged = results["the_agency"].attributions
    assert said.speaker_name == urged.speaker_name == "Food and Drug Administration"


def test_found_an_object_and_a_second_verb_is_no_claim_of_its_own(results):
    (a,) = results["found_and_was"].attributions
    assert (a.cue, a.speaker) == ("said", "Calder")


def test_the_union_is_not_the_company_that_spoke_before_it():
    text = ("Shares in Nordic Semis fell 12 percent on Tuesday after the chip maker warned "
            "that orders from carmakers had dropped sharply.\n\nThe company said it would "
            "cut 400 jobs, mostly in Finland.\n\nThe union representing factory workers, "
            "Pro, said it had not been consulted.")
    warned, company, union = engine.analyse(text).attributions
    assert warned.speaker_name == company.speaker_name == "Nordic Semis"
    assert (union.speaker, union.speaker_name) == ("The union", "union")
